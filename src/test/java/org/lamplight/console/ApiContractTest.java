package org.lamplight.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.json.pointer.JsonPointer;
import io.vertx.json.schema.JsonSchema;
import io.vertx.openapi.contract.MediaType;
import io.vertx.openapi.contract.Parameter;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lamplight.domain.WireName;
import org.lamplight.domain.alert.AlertLevel;
import org.lamplight.domain.dispatch.AssignmentStatus;
import org.lamplight.domain.dispatch.EventKind;
import org.lamplight.domain.dispatch.Incident;
import org.lamplight.domain.dispatch.IncidentSource;
import org.lamplight.domain.dispatch.IncidentStatus;
import org.lamplight.domain.dispatch.IncidentType;
import org.lamplight.domain.dispatch.NotifyTarget;
import org.lamplight.domain.dispatch.ShortfallReason;
import org.lamplight.domain.tracking.FixSource;

/** openapi.yaml is a valid OpenAPI document, and its enums and ranges are the domain's. */
class ApiContractTest {

  static Vertx vertx;
  static ApiContract contract;
  static JsonObject document;

  @BeforeAll
  static void load() throws Exception {
    vertx = Vertx.vertx();
    contract = ApiContract.load(vertx).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    document = contract.contract().getRawContract();
  }

  @AfterAll
  static void close() {
    vertx.close();
  }

  @Test
  void everyParameterAndBodyIsCheckedByAValidatorBuiltOnce() {
    PreparedContract prepared = new PreparedContract(contract.contract());
    List<JsonSchema> schemas = prepared.operations().stream()
        .flatMap(operation -> Stream.concat(operation.getParameters().stream().map(Parameter::getSchema),
            operation.getRequestBody() == null ? Stream.empty()
                : operation.getRequestBody().getContent().values().stream().map(MediaType::getSchema)))
        .filter(schema -> schema != null)
        .toList();
    assertThat(schemas).hasSizeGreaterThan(50);
    schemas.forEach(schema -> assertThat(prepared.getSchemaRepository().validator(schema))
        .isSameAs(prepared.getSchemaRepository().validator(schema)));
  }

  @Test
  void everyApiErrorAnswerHasTheErrorShape() {
    contract.contract().operations().stream().filter(operation -> operation.getAbsoluteOpenAPIPath().startsWith("/api/"))
        .forEach(operation -> operation.getOpenAPIModel().getJsonObject("responses")
        .forEach(response -> {
          Object schema = JsonPointer.from("/content/application~1json/schema").queryJson(response.getValue());
          if (response.getKey().matches("[45]\\d\\d") && schema != null) {
            assertThat(((JsonObject) schema).getJsonArray("required").getList())
                .as(operation.getOperationId() + " " + response.getKey()).startsWith("error", "message");
          }
        }));
  }

  @Test
  void enumsAreTheDomainsWireNames() {
    assertEnum("/components/schemas/IncidentType/enum", IncidentType.values());
    assertEnum("/components/schemas/Incident/properties/status/enum", IncidentStatus.values());
    assertEnum("/components/schemas/Incident/properties/source/enum", IncidentSource.values());
    assertEnum("/components/schemas/Assignment/properties/status/enum", AssignmentStatus.values());
    assertEnum("/components/schemas/IncidentEvent/properties/event/enum", EventKind.values());
    assertEnum("/components/schemas/Alert/properties/level/enum", AlertLevel.values());
    assertThat(strings("/components/schemas/Incident/properties/notified/items/properties/target/enum"))
        .containsExactlyElementsOf(wire(NotifyTarget.values()));
    assertThat(strings("/components/schemas/Incident/properties/shortfall/enum"))
        .containsExactlyElementsOf(Stream.concat(wire(ShortfallReason.values()).stream(), Stream.of("null")).toList());
    assertThat(strings("/components/schemas/Position/properties/source/enum"))
        .containsExactlyElementsOf(Stream.of(FixSource.values()).map(s -> s.name().toLowerCase()).toList());
    assertThat(strings("/paths/~1api~1incidents/get/parameters/0/schema/enum")).containsExactlyElementsOf(
        Stream.concat(Stream.of("open", "all"), wire(IncidentStatus.values()).stream()).toList());
  }

  @Test
  void severityIsTheDomainsRange() {
    JsonObject severity = (JsonObject) JsonPointer.from("/components/schemas/Severity").queryJson(document);
    assertThat(severity.getInteger("minimum")).isEqualTo(Incident.MIN_SEVERITY);
    assertThat(severity.getInteger("maximum")).isEqualTo(Incident.MAX_SEVERITY);
  }

  private static void assertEnum(String pointer, WireName[] values) {
    assertThat(strings(pointer)).as(pointer).containsExactlyElementsOf(wire(values));
  }

  private static List<String> wire(WireName[] values) {
    return Stream.of(values).map(WireName::wire).toList();
  }

  private static List<String> strings(String pointer) {
    JsonArray values = (JsonArray) JsonPointer.from(pointer).queryJson(document);
    assertThat(values).as(pointer).isNotNull();
    return values.stream().map(String::valueOf).toList();
  }
}
