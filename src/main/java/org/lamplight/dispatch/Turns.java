package org.lamplight.dispatch;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Steps taken one after another per key (an incident, a device): each starts once the key's step
 * before it is done, whatever its outcome; keys do not wait for each other. Take steps on one
 * context; a finished step is forgotten from whichever thread finished it.
 */
final class Turns {

  /** By key: its last step not yet done. */
  private final Map<String, Future<?>> tails = new ConcurrentHashMap<>();

  <T> Future<T> next(String key, Supplier<Future<T>> step) {
    Future<?> previous = tails.getOrDefault(key, Future.succeededFuture());
    Future<T> next = previous.transform(ignored -> step.get());
    tails.put(key, next);
    next.onComplete(ar -> tails.remove(key, next));
    return next;
  }

  /** Whether a step of the key is under way or waiting. */
  boolean busy(String key) {
    return tails.containsKey(key);
  }

  /** Completes once every step taken so far is done. */
  Future<?> done() {
    return Future.join(new ArrayList<>(tails.values()));
  }
}
