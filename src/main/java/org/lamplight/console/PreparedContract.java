package org.lamplight.console;

import io.vertx.core.file.FileSystem;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.SchemaRepository;
import io.vertx.json.schema.Validator;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.OpenAPIVersion;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.Parameter;
import io.vertx.openapi.contract.Path;
import io.vertx.openapi.contract.SecurityRequirement;
import io.vertx.openapi.contract.SecurityScheme;
import io.vertx.openapi.contract.Server;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The contract as the library's request validator takes it, with the schema validator of every
 * parameter and request body built once, at start. The library builds a validator for each value
 * it checks, and each one copies the contract's whole schema table: that was a quarter of the bytes
 * the server allocated while the dispatch benchmark ran (JFR). A validator only reads its table
 * once built, so one serves every request, on any thread.
 */
final class PreparedContract implements OpenAPIContract {

  private final OpenAPIContract contract;
  private final SchemaRepository schemas;

  PreparedContract(OpenAPIContract contract) {
    this.contract = contract;
    this.schemas = new PreparedSchemas(contract.getSchemaRepository(), validatorsOf(contract));
  }

  /** Keyed by the schema object itself: the contract hands out the same one on every call. */
  private static Map<JsonSchema, Validator> validatorsOf(OpenAPIContract contract) {
    SchemaRepository repository = contract.getSchemaRepository();
    Map<JsonSchema, Validator> validators = new IdentityHashMap<>();
    for (Operation operation : contract.operations()) {
      for (Parameter parameter : operation.getParameters()) {
        validators.computeIfAbsent(parameter.getSchema(), repository::validator);
      }
      if (operation.getRequestBody() != null) {
        operation.getRequestBody().getContent().values().stream()
            .filter(media -> media.getSchema() != null)
            .forEach(media -> validators.computeIfAbsent(media.getSchema(), repository::validator));
      }
    }
    return Collections.unmodifiableMap(validators);
  }

  @Override
  public SchemaRepository getSchemaRepository() {
    return schemas;
  }

  @Override
  public Operation operation(String operationId) {
    return contract.operation(operationId);
  }

  @Override
  public List<Operation> operations() {
    return contract.operations();
  }

  @Override
  public List<Path> getPaths() {
    return contract.getPaths();
  }

  @Override
  public JsonObject getRawContract() {
    return contract.getRawContract();
  }

  @Override
  public OpenAPIVersion getVersion() {
    return contract.getVersion();
  }

  @Override
  public List<Server> getServers() {
    return contract.getServers();
  }

  @Override
  public Path findPath(String urlPath) {
    return contract.findPath(urlPath);
  }

  @Override
  public Operation findOperation(String urlPath, HttpMethod method) {
    return contract.findOperation(urlPath, method);
  }

  @Override
  public List<SecurityRequirement> getSecurityRequirements() {
    return contract.getSecurityRequirements();
  }

  @Override
  public SecurityScheme securityScheme(String name) {
    return contract.securityScheme(name);
  }

  /** The contract's schemas, answering for a prepared schema with its prepared validator. */
  private static final class PreparedSchemas implements SchemaRepository {

    private final SchemaRepository repository;
    private final Map<JsonSchema, Validator> validators;

    PreparedSchemas(SchemaRepository repository, Map<JsonSchema, Validator> validators) {
      this.repository = repository;
      this.validators = validators;
    }

    @Override
    public Validator validator(JsonSchema schema) {
      Validator prepared = validators.get(schema);
      return prepared != null ? prepared : repository.validator(schema);
    }

    @Override
    public SchemaRepository dereference(JsonSchema schema) {
      repository.dereference(schema);
      return this;
    }

    @Override
    public SchemaRepository dereference(String uri, JsonSchema schema) {
      repository.dereference(uri, schema);
      return this;
    }

    @Override
    public SchemaRepository preloadMetaSchema(FileSystem fs) {
      repository.preloadMetaSchema(fs);
      return this;
    }

    @Override
    public SchemaRepository preloadMetaSchema(FileSystem fs, Draft draft) {
      repository.preloadMetaSchema(fs, draft);
      return this;
    }

    @Override
    public Validator validator(String ref) {
      return repository.validator(ref);
    }

    @Override
    public Validator validator(String ref, JsonSchemaOptions options) {
      return repository.validator(ref, options);
    }

    @Override
    public Validator validator(JsonSchema schema, JsonSchemaOptions options, boolean dereference) {
      return repository.validator(schema, options, dereference);
    }

    @Override
    public JsonObject resolve(JsonObject schema) {
      return repository.resolve(schema);
    }

    @Override
    public JsonSchema find(String pointer) {
      return repository.find(pointer);
    }
  }
}
