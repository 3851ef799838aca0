package org.lamplight.console;

import io.vertx.core.Future;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.function.Supplier;
import org.lamplight.auth.Tokens.Principal;
import org.lamplight.domain.dispatch.Incident;
import org.lamplight.store.IncidentRepository;
import org.lamplight.store.IncidentRepository.Idempotency;
import org.lamplight.store.IncidentRepository.KeptAnswer;
import org.lamplight.store.StoreException;

/**
 * Requests sent with an {@code Idempotency-Key} header: the first one with a key is carried out
 * and its answer kept with the change, in the same transaction; any later one from the same
 * account with the same key gets that answer (status and incident) and changes nothing, whether
 * the first client saw its answer or gave up before. The same key with another request (method,
 * path or body) is refused with 422, as the IETF draft on the header has it. Keys are kept a day.
 */
final class IdempotentRequests {

  static final String HEADER = "Idempotency-Key";

  /** A change's outcome: the status to answer with and the incident as the change left it. */
  record Answer(int status, Incident incident) {
  }

  private final IncidentRepository incidents;

  IdempotentRequests(IncidentRepository incidents) {
    this.incidents = incidents;
  }

  /** The request's key and what the request was, to be kept with an answer of {@code status}; null without a key. */
  Idempotency key(RoutingContext ctx, int status) {
    String key = ctx.request().getHeader(HEADER);
    if (key == null) {
      return null;
    }
    String request = ctx.request().method() + " " + ctx.request().path() + "\n" + canonical(Requests.body(ctx));
    return new Idempotency(key, sha256(request), status);
  }

  /**
   * The kept answer to {@code who}'s request with this key, or else the outcome of {@code change},
   * which must store {@code keyed} with its change. Two requests with one key racing each other:
   * the database keeps the second waiting on the first's key and refuses it as a duplicate once
   * the first commits, and the second answers as the first did.
   */
  Future<Answer> answer(Principal who, Idempotency keyed, Supplier<Future<Incident>> change) {
    if (keyed == null) {
      return change.get().map(incident -> new Answer(0, incident));
    }
    return incidents.keptAnswer(who.username(), keyed.key()).compose(kept -> kept.isPresent()
        ? replay(kept.get(), keyed)
        : change.get().map(incident -> new Answer(keyed.status(), incident))
            .recover(e -> e instanceof StoreException s && s.kind() == StoreException.Kind.DUPLICATE
                ? incidents.keptAnswer(who.username(), keyed.key())
                    .compose(raced -> raced.isPresent() ? replay(raced.get(), keyed) : Future.failedFuture(e))
                : Future.failedFuture(e)));
  }

  private static Future<Answer> replay(KeptAnswer kept, Idempotency keyed) {
    if (!kept.fingerprint().equals(keyed.fingerprint())) {
      return Future.failedFuture(new ApiError(422, "idempotency_key_reused", "the Idempotency-Key '" + keyed.key()
          + "' was used for another request; send a new request with a new key"));
    }
    return Future.succeededFuture(new Answer(kept.status(), kept.incident()));
  }

  /** JSON with its fields in name order, so that a client re-encoding the same body is not taken for another request. */
  static String canonical(Object value) {
    Object v = value instanceof JsonObject o ? o.getMap() : value instanceof JsonArray a ? a.getList() : value;
    if (v instanceof Map<?, ?> fields) {
      Map<String, Object> sorted = new TreeMap<>();
      fields.forEach((name, field) -> sorted.put(String.valueOf(name), field));
      return sorted.entrySet().stream().map(e -> Json.encode(e.getKey()) + ":" + canonical(e.getValue()))
          .collect(Collectors.joining(",", "{", "}"));
    }
    if (v instanceof List<?> items) {
      return items.stream().map(IdempotentRequests::canonical).collect(Collectors.joining(",", "[", "]"));
    }
    return Json.encode(v);
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
