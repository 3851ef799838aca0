package org.lamplight.console;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Parameter;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.ValidatableRequest;
import io.vertx.openapi.validation.ValidatedRequest;
import io.vertx.openapi.validation.impl.RequestValidatorImpl;
import io.vertx.openapi.validation.impl.ValidatedRequestImpl;
import java.util.HashMap;
import java.util.Map;

/**
 * The library's request validator, run in place for requests whose body is small. The library
 * hands every request to a worker thread and back, two thread hops on each API call (an incident's
 * report among them), for checks that take microseconds once the schema validators are built
 * ({@link PreparedContract}). A body over {@value #IN_PLACE_BYTES} bytes (a county bundle) still
 * goes to a worker, so that checking it never holds up the event loop.
 */
final class InPlaceValidator extends RequestValidatorImpl {

  static final int IN_PLACE_BYTES = 16 * 1024;

  InPlaceValidator(Vertx vertx, OpenAPIContract contract) {
    super(vertx, contract);
  }

  @Override
  public Future<ValidatedRequest> validate(ValidatableRequest request, String operationId) {
    RequestParameter body = request.getBody();
    if (body != null && body.isBuffer() && body.getBuffer().length() > IN_PLACE_BYTES) {
      return super.validate(request, operationId);
    }
    return getOperation(operationId).map(operation -> {
      // the library's loop (RequestValidatorImpl.validate), without its executeBlocking
      Map<String, RequestParameter> cookies = new HashMap<>();
      Map<String, RequestParameter> headers = new HashMap<>();
      Map<String, RequestParameter> path = new HashMap<>();
      Map<String, RequestParameter> query = new HashMap<>();
      for (Parameter param : operation.getParameters()) {
        String name = param.getName();
        switch (param.getIn()) {
          case COOKIE -> cookies.put(name, validateParameter(param, request.getCookies().get(name)));
          case HEADER -> headers.put(name, validateParameter(param, request.getHeaders().get(name)));
          case PATH -> path.put(name, validateParameter(param, request.getPathParameters().get(name)));
          case QUERY -> query.put(name, validateParameter(param, request.getQuery().get(name)));
        }
      }
      return new ValidatedRequestImpl(cookies, headers, path, query, validateBody(operation.getRequestBody(), request));
    });
  }
}
