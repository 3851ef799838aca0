package org.lamplight.platform;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import java.util.function.LongFunction;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps something this node holds (the county, the accounts) at the version stored in the
 * database. A node that changes it calls {@link #changed}: it catches up itself, then publishes
 * the version it holds so that every node of a cluster does the same at once. A node that missed the
 * message (it was starting, or the bus lost it) sees the newer version at its next periodic check.
 * One load runs at a time; requests meanwhile are served by one more load after it.
 */
public final class VersionFollower extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(VersionFollower.class);

  private final String what;
  private final String address;
  private final long checkMs;
  private final Supplier<Future<Long>> storedVersion;
  private final LongFunction<Future<Void>> load;
  private volatile long held;
  private Future<Void> running;
  private Promise<Void> next;
  private MessageConsumer<Long> consumer;

  /**
   * @param held the version held at start
   * @param storedVersion reads the version stored now
   * @param load loads what is stored and makes it current; given the version read just before
   */
  public VersionFollower(String what, String address, long checkMs, long held, Supplier<Future<Long>> storedVersion,
                         LongFunction<Future<Void>> load) {
    this.what = what;
    this.address = address;
    this.checkMs = checkMs;
    this.held = held;
    this.storedVersion = storedVersion;
    this.load = load;
  }

  @Override
  public Future<?> start() {
    consumer = vertx.eventBus().consumer(address, m -> {
      if (m.body() > held) {
        catchUp();
      }
    });
    vertx.setPeriodic(checkMs, id -> catchUp());
    return consumer.completion();
  }

  /** Loads what is stored if it is newer than what this node holds; completes once it holds it. */
  public Future<Void> catchUp() {
    Promise<Void> done = Promise.promise();
    context.runOnContext(v -> schedule().onComplete(done));
    return done.future();
  }

  /** This node stored a change: catch up to it, then tell the other nodes. */
  public Future<Void> changed() {
    return catchUp().onSuccess(v -> context.runOnContext(x -> vertx.eventBus().publish(address, held)));
  }

  /**
   * On the verticle's context: the load running now cannot have seen a change made after it began.
   * A load completes on the database client's threads, so its end is handed back to this context
   * before {@code running} and {@code next} are touched; otherwise a request could slip between
   * the two and wait for ever.
   */
  private Future<Void> schedule() {
    if (running != null) {
      if (next == null) {
        next = Promise.promise();
      }
      return next.future();
    }
    Promise<Void> done = Promise.promise();
    running = done.future();
    once().onComplete(ar -> context.runOnContext(v -> {
      running = null;
      if (next != null) {
        Promise<Void> waiting = next;
        next = null;
        schedule().onComplete(waiting);
      }
      done.handle(ar);
    }));
    return running;
  }

  private Future<Void> once() {
    return storedVersion.get().compose(version -> {
      if (version <= held) {
        return Future.succeededFuture();
      }
      return load.apply(version).onSuccess(v -> {
        held = Math.max(held, version);
        LOG.info("{} version {} loaded", what, version);
      });
    }).onFailure(e -> LOG.warn("could not load the stored {}: {}", what, e.getMessage()));
  }

  @Override
  public Future<?> stop() {
    return consumer.unregister();
  }
}
