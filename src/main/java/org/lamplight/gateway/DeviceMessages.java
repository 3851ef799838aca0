package org.lamplight.gateway;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import java.util.UUID;
import java.util.function.Supplier;
import org.lamplight.domain.tracking.DeviceRateLimiter;
import org.lamplight.domain.tracking.DeviceStatus;
import org.lamplight.domain.tracking.RejectReason;
import org.lamplight.domain.tracking.RejectedFixException;
import org.lamplight.gateway.mqtt.DeviceEventDecoder;
import org.lamplight.gateway.mqtt.DeviceTopic;
import org.lamplight.gateway.mqtt.InvalidTopicException;
import org.lamplight.gateway.mqtt.LamplightPositionDecoder;
import org.lamplight.gateway.mqtt.OwnTracksDecoder;
import org.lamplight.gateway.mqtt.OwnTracksMessage;
import org.lamplight.gateway.mqtt.StatusDecoder;
import org.lamplight.tracking.PositionPipeline;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a device's message goes, whatever transport brought it (MQTT, the field app's WebSocket):
 * the topic is checked against the sender, the payload decoded, and the message handed on —
 * positions to the position pipeline, duty to live state, an SOS to the alerts, replies and
 * reports to dispatch and ledger entries to the ledger (these three acknowledged only once
 * stored). One path, so
 * validation, counting and rate limits are the same for every transport. Thread-safe.
 */
public final class DeviceMessages {

  private static final Logger LOG = LoggerFactory.getLogger(DeviceMessages.class);
  public static final String RATE_LIMITED_WHY = "more status, events and subscription messages than the device's rate"
      + " limit allows";

  private final PositionPipeline pipeline;
  private final Presence presence;
  private final DeviceAlarms alarms;
  private final EventBus bus;
  private final PhotoLinks photos;
  private final LamplightPositionDecoder positionDecoder;
  private final OwnTracksDecoder ownTracksDecoder;
  private final StatusDecoder statusDecoder;
  private final DeviceEventDecoder eventDecoder;
  /** Status and events, which open incidents and add rows: a device that floods them is refused, not stored. */
  private final DeviceRateLimiter messageLimit;

  /** Where a report's photo is linked to the incident the report opened (the photo store). */
  @FunctionalInterface
  public interface PhotoLinks {

    /** Links the device's photo to the incident; completes false when the device has no such photo. */
    Future<Boolean> attachToIncident(String photoId, String deviceId, String incidentId);
  }

  public DeviceMessages(PositionPipeline pipeline, Presence presence, DeviceAlarms alarms, EventBus bus,
                        PhotoLinks photos, DeviceRateLimiter messageLimit, int maxPayload) {
    this.pipeline = pipeline;
    this.presence = presence;
    this.alarms = alarms;
    this.bus = bus;
    this.photos = photos;
    this.messageLimit = messageLimit;
    this.positionDecoder = new LamplightPositionDecoder(maxPayload);
    this.ownTracksDecoder = new OwnTracksDecoder(maxPayload);
    this.statusDecoder = new StatusDecoder(maxPayload);
    this.eventDecoder = new DeviceEventDecoder(maxPayload);
  }

  /**
   * Routes one message a device published. The future completes once what must be stored before
   * the device is acknowledged is stored (a report, a reply, a ledger entry): failed with a
   * {@link io.vertx.core.eventbus.ReplyException} of code {@link DeviceBus#REFUSED} when it was
   * refused for good, with another failure when it could not be stored (the device must send it
   * again); everything else completes at once.
   *
   * @throws RejectedFixException when it is refused, already counted; {@code topic_not_allowed}
   *     for a topic that is not the sender's, not one devices publish to, or not carried by its transport
   */
  public Future<Void> route(DeviceSession from, String topicName, Buffer payload) {
    DeviceTopic topic;
    try {
      topic = from.topic(topicName);
    } catch (InvalidTopicException e) {
      throw refusedTopic(e.getMessage());
    }
    if (!topic.isOwnedBy(from.deviceId()) || !topic.kind().deviceMayPublish() || !from.carries(topic.kind())) {
      throw refusedTopic(from.deviceId() + " may not publish to " + topicName);
    }
    long now = System.currentTimeMillis();
    switch (topic.kind()) {
      case POSITION -> pipeline.accept(counted(() -> positionDecoder.decode(from.deviceId(), payload)), now);
      case OWNTRACKS_LOCATION -> {
        from.ownTracksDevice(topic.owntracksDevice());
        OwnTracksMessage m = counted(() -> ownTracksDecoder.decode(from.deviceId(), payload));
        if (m instanceof OwnTracksMessage.Location location) {
          pipeline.accept(location.fix(), now);
        } else if (m instanceof OwnTracksMessage.Lwt) {
          presence.offline(from.deviceId());
        }
      }
      case OWNTRACKS_OTHER -> from.ownTracksDevice(topic.owntracksDevice());
      case STATUS -> {
        withinRate(from, now);
        status(from, counted(() -> statusDecoder.decode(payload)));
      }
      case EVENTS -> {
        withinRate(from, now);
        return event(from, counted(() -> eventDecoder.decode(payload)));
      }
      default -> throw refusedTopic("not a publish topic: " + topicName);
    }
    return Future.succeededFuture();
  }

  /** Checked before decoding, so that a flood costs no parsing. */
  private void withinRate(DeviceSession from, long now) {
    if (!withinMessageRate(from, now)) {
      throw new RejectedFixException(RejectReason.RATE_LIMITED, RATE_LIMITED_WHY);
    }
  }

  /**
   * Takes one message from the device's status and events bucket. SUBSCRIBE, UNSUBSCRIBE and a
   * field app's {@code received} take from it too, since each may cost a device-pool query that
   * logins wait behind. False, counted as {@code rate_limited}, when the device is over it.
   */
  public boolean withinMessageRate(DeviceSession from, long now) {
    if (messageLimit.tryTake(from.deviceId(), now)) {
      return true;
    }
    pipeline.rejected(RejectReason.RATE_LIMITED);
    return false;
  }

  /** Counts a refusal made before a message reached {@link #route} (an envelope, a frame) or after it (by the ledger). */
  public void rejected(RejectReason reason) {
    pipeline.rejected(reason);
  }

  private RejectedFixException refusedTopic(String why) {
    pipeline.rejected(RejectReason.TOPIC_NOT_ALLOWED);
    return new RejectedFixException(RejectReason.TOPIC_NOT_ALLOWED, why);
  }

  /** Decoding failures are counted here; pipeline failures are counted by the pipeline. */
  private <T> T counted(Supplier<T> decode) {
    try {
      return decode.get();
    } catch (RejectedFixException e) {
      pipeline.rejected(e.reason());
      throw e;
    }
  }

  private void status(DeviceSession from, DeviceStatus status) {
    boolean changed = pipeline.status(from.deviceId(), status);
    if (status.sos() && (changed || alarms.unraised(from.deviceId()))) {
      alarms.sos(from.deviceId());
    }
  }

  /**
   * A report names the incident it opens: from its client id when it has one, so that a report
   * sent again names the same incident and opens nothing new; its photo is linked to that incident.
   */
  private Future<Void> event(DeviceSession from, JsonObject event) {
    if (DeviceEventDecoder.isReport(event)) {
      String clientId = event.getString("clientId");
      String incidentId = clientId == null ? UUID.randomUUID().toString() : ClientIds.of("report", from.deviceId(), clientId);
      event.put("incidentId", incidentId);
      String photoId = event.getString("photoId");
      if (photoId != null) {
        photos.attachToIncident(photoId, from.deviceId(), incidentId)
            .onFailure(e -> LOG.warn("cannot link photo {} to incident {}: {}", photoId, incidentId, e.getMessage()));
      }
    }
    JsonObject message = new JsonObject().put("deviceId", from.deviceId()).put("unitId", from.unitId())
        .put("message", event);
    String owner = DeviceEventDecoder.isLedgerEntry(event) ? DeviceBus.LEDGER : DeviceBus.EVENTS;
    return bus.request(owner, message, new DeliveryOptions().setSendTimeout(DeviceBus.STORE_TIMEOUT_MS)).mapEmpty();
  }
}
