package org.lamplight.console;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.openapi.contract.MediaType;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.SecurityRequirement;
import io.vertx.openapi.validation.RequestUtils;
import io.vertx.openapi.validation.RequestValidator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The REST contract, {@code openapi.yaml} on the class path. It is served as written (with an
 * explorer page), and every {@code /api} request is validated against it before a handler runs: a
 * request that breaks it fails with the library's {@code ValidatorException}, which
 * {@link ApiErrors} turns into a 400 naming the field; then the text of its body is checked
 * ({@link TextFields}).
 */
public final class ApiContract {

  private static final String RESOURCE = "openapi.yaml";
  private static final String EXPLORER = "apidocs";
  private static final String SWAGGER_UI = "META-INF/resources/webjars/swagger-ui/5.34.1";
  private static final List<String> HTTP_METHODS = List.of("get", "put", "post", "delete", "options", "head", "patch",
      "trace");

  private final Buffer document;
  private final OpenAPIContract contract;
  private final RequestValidator validator;
  private final TextFields text;

  private ApiContract(Vertx vertx, Buffer document, OpenAPIContract contract) {
    this.document = document;
    this.contract = contract;
    this.validator = new InPlaceValidator(vertx, new PreparedContract(contract));
    this.text = new TextFields(parse(document));
  }

  /** Reads the document and checks it against the OpenAPI schema; fails if it is not a valid contract. */
  public static Future<ApiContract> load(Vertx vertx) {
    return vertx.executeBlocking(ApiContract::read)
        .compose(document -> OpenAPIContract.from(vertx, checkable(parse(document)))
            .map(contract -> new ApiContract(vertx, document, contract)));
  }

  OpenAPIContract contract() {
    return contract;
  }

  /** {@code GET /openapi.yaml} and the explorer under {@code /docs/}, open to anyone. */
  public void mountDocuments(Router api) {
    api.get("/openapi.yaml").handler(ctx -> ctx.response().putHeader("content-type", "application/yaml; charset=utf-8")
        .end(document));
    api.get("/docs/*")
        .handler(StaticHandler.create(EXPLORER).setCachingEnabled(false))
        .handler(StaticHandler.create(SWAGGER_UI));
  }

  /** Validates requests to the operations that need no token (login); mounted before authentication. */
  public Handler<RoutingContext> publicRequests() {
    return ctx -> {
      Operation operation = operationOf(ctx);
      if (operation == null || !isPublic(operation)) {
        ctx.next();
      } else {
        validate(ctx, operation);
      }
    };
  }

  /**
   * Validates every request that passed authentication. The document is also the list of what the
   * API serves: a request that matches none of its operations is a 404 before any handler sees it,
   * and one for an admin's operation ({@code x-role: admin}) from another account is a 403.
   */
  public Handler<RoutingContext> authenticatedRequests() {
    return ctx -> {
      Operation operation = operationOf(ctx);
      if (operation == null) {
        ctx.fail(ApiError.noSuchRoute(ctx.request().method(), ctx.request().path()));
      } else if (isAdmin(operation) && !Requests.principal(ctx).isAdmin()) {
        // before the body is looked at: a refusal must not depend on, or teach, what an admin sends
        ctx.fail(ApiError.forbidden("only an admin may do this"));
      } else {
        validate(ctx, operation);
      }
    };
  }

  private Operation operationOf(RoutingContext ctx) {
    return contract.findOperation(ctx.normalizedPath(), ctx.request().method());
  }

  private void validate(RoutingContext ctx, Operation operation) {
    try {
      // decoded here first (Vert.x keeps it): a bad escape such as %zz throws, and is the client's mistake
      ctx.request().params();
    } catch (IllegalArgumentException e) {
      ctx.fail(ApiError.badRequest("the query string is not valid percent-encoding"));
      return;
    }
    RequestUtils.extract(ctx.request(), operation, () -> Future.succeededFuture(ctx.body().buffer()))
        .compose(request -> validator.validate(request, operation.getOperationId()))
        .onSuccess(valid -> {
          String offence = text.offence(operation.getOperationId(), valid.getBody() == null ? null : valid.getBody().get());
          if (offence == null) {
            ctx.next();
          } else {
            ctx.fail(ApiError.badRequest(offence));
          }
        })
        .onFailure(ctx::fail);
  }

  /** Operations marked {@code x-role: admin} in the document. */
  private static boolean isAdmin(Operation operation) {
    return "admin".equals(operation.getExtensions().get("x-role"));
  }

  private static boolean isPublic(Operation operation) {
    List<SecurityRequirement> requirements = operation.getSecurityRequirements();
    return requirements.isEmpty() || requirements.stream().anyMatch(SecurityRequirement::isEmpty);
  }

  private static Buffer read() {
    try (InputStream in = ApiContract.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the class path");
      }
      return Buffer.buffer(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @SuppressWarnings("unchecked")
  static JsonObject parse(Buffer document) {
    return new JsonObject((Map<String, Object>) new Yaml(new SafeConstructor(new LoaderOptions())).load(document.toString()));
  }

  /**
   * The document as the validator takes it. The library refuses media types it cannot check
   * (GeoJSON, YAML, HTML responses; image uploads); they are left out here, and a request body
   * left with none is checked by its handler (a photo's bytes, by their signature).
   */
  private static JsonObject checkable(JsonObject document) {
    JsonObject copy = document.copy();
    copy.getJsonObject("paths", new JsonObject()).forEach(path -> HTTP_METHODS.stream()
        .map(((JsonObject) path.getValue())::getJsonObject)
        .filter(operation -> operation != null)
        .forEach(operation -> {
          JsonObject body = operation.getJsonObject("requestBody");
          // a shared body ($ref) is JSON
          if (body != null && body.containsKey("content") && supportedOnly(body).isEmpty()) {
            operation.remove("requestBody");
          }
          operation.getJsonObject("responses", new JsonObject())
              .forEach(response -> supportedOnly((JsonObject) response.getValue()));
        }));
    return copy;
  }

  /** Removes the media types the validator cannot check from a body's content; returns what is left. */
  private static JsonObject supportedOnly(JsonObject body) {
    JsonObject content = body.getJsonObject("content", new JsonObject());
    content.fieldNames().removeIf(type -> !MediaType.isMediaTypeSupported(type));
    return content;
  }
}
