package org.lamplight.gateway;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.Map;
import java.util.Set;
import org.lamplight.domain.ControlCharacters;
import org.lamplight.domain.tracking.DeviceIds;
import org.lamplight.domain.tracking.PositionFix;
import org.lamplight.domain.tracking.RejectReason;
import org.lamplight.domain.tracking.RejectedFixException;
import org.lamplight.domain.tracking.Timestamps;

/**
 * Typed reads of device payload fields, shared by every decoder so that all protocols reject
 * the same mistakes with the same reason. JSON null counts as absent. Text values come from
 * query strings and forms, where the caller passes null for an absent parameter.
 */
public final class PayloadFields {

  /** ISO-8601 with 'T', or "yyyy-MM-dd HH:mm:ss"; UTC unless an offset is given. */
  private static final DateTimeFormatter DATE_TIME = new DateTimeFormatterBuilder()
      .parseCaseInsensitive()
      .append(DateTimeFormatter.ISO_LOCAL_DATE)
      .optionalStart().appendLiteral('T').optionalEnd()
      .optionalStart().appendLiteral(' ').optionalEnd()
      .append(DateTimeFormatter.ISO_LOCAL_TIME)
      .optionalStart().appendOffsetId().optionalEnd()
      .parseDefaulting(ChronoField.OFFSET_SECONDS, 0)
      .toFormatter();

  private PayloadFields() {}

  /**
   * Refuses a message with a control character in any field name or string, as request bodies
   * are refused: PostgreSQL would refuse a NUL only after the device was acknowledged. The
   * {@code freeText} fields may hold line breaks and tabs.
   */
  public static void refuseControlCharacters(JsonObject json, Set<String> freeText) {
    for (Map.Entry<String, Object> field : json) {
      refuseControlCharacters(field.getKey(), field.getKey(), false);
      refuseControlCharacters(field.getKey(), field.getValue(), freeText.contains(field.getKey()));
    }
  }

  private static void refuseControlCharacters(String field, Object value, boolean freeText) {
    if (value instanceof String text) {
      int bad = ControlCharacters.first(text, freeText);
      if (bad >= 0) {
        throw new RejectedFixException(RejectReason.INVALID_VALUE,
            "'" + field + "' holds the control character " + ControlCharacters.name(bad));
      }
    } else if (value instanceof JsonObject object) {
      refuseControlCharacters(object, Set.of());
    } else if (value instanceof JsonArray array) {
      for (Object item : array) {
        refuseControlCharacters(field, item, false);
      }
    }
  }

  public static double requiredDouble(JsonObject json, String field) {
    return finite(field, required(json, field, Number.class).doubleValue());
  }

  /** The number, or {@link PositionFix#ABSENT}. */
  public static double optionalDouble(JsonObject json, String field) {
    Number value = optional(json, field, Number.class);
    return value == null ? PositionFix.ABSENT : finite(field, value.doubleValue());
  }

  /** Epoch seconds or milliseconds as epoch milliseconds. */
  public static long requiredEpochMs(JsonObject json, String field) {
    // The cast saturates, so an absurd value stays absurd and fails the validator's time window.
    return Timestamps.normalizeEpoch((long) requiredDouble(json, field));
  }

  /** Epoch seconds or milliseconds as epoch milliseconds, or null when absent or null. */
  public static Long optionalEpochMs(JsonObject json, String field) {
    return optional(json, field, Number.class) == null ? null : requiredEpochMs(json, field);
  }

  public static String requiredString(JsonObject json, String field) {
    return required(json, field, String.class);
  }

  /** The string, or null. */
  public static String optionalString(JsonObject json, String field) {
    return optional(json, field, String.class);
  }

  public static JsonObject requiredObject(JsonObject json, String field) {
    return required(json, field, JsonObject.class);
  }

  /** The object, or null. */
  public static JsonObject optionalObject(JsonObject json, String field) {
    return optional(json, field, JsonObject.class);
  }

  /** A device id that is present and well formed. */
  public static String deviceId(String field, String id) {
    if (id == null) {
      throw missing(field);
    }
    return wellFormedId(field, id);
  }

  /**
   * An identifier the device chose or quotes (a client id, a photo id), or null: shaped like a
   * device id, so it is safe in topics, URLs, logs and SQL.
   */
  public static String optionalId(JsonObject json, String field) {
    String id = optionalString(json, field);
    return id == null ? null : wellFormedId(field, id);
  }

  /** As {@link #optionalId}, but required. */
  public static String requiredId(JsonObject json, String field) {
    return wellFormedId(field, requiredString(json, field));
  }

  private static String wellFormedId(String field, String id) {
    if (!DeviceIds.isValid(id)) {
      throw new RejectedFixException(RejectReason.INVALID_VALUE,
          field + " must be 1-" + DeviceIds.MAX_LENGTH + " letters, digits, '.', '_' or '-'");
    }
    return id;
  }

  public static double requiredNumber(String field, String text) {
    if (text == null) {
      throw missing(field);
    }
    return optionalNumber(field, text);
  }

  /** The number in {@code text}, or {@link PositionFix#ABSENT} when text is null. */
  public static double optionalNumber(String field, String text) {
    if (text == null) {
      return PositionFix.ABSENT;
    }
    try {
      return finite(field, Double.parseDouble(text));
    } catch (NumberFormatException e) {
      throw new RejectedFixException(RejectReason.WRONG_TYPE, field + " must be a number");
    }
  }

  /**
   * Epoch milliseconds from epoch seconds or milliseconds, ISO-8601, or "yyyy-MM-dd HH:mm:ss"
   * (UTC), the forms Traccar Client and OsmAnd send.
   */
  public static long parseTimestamp(String field, String text) {
    try {
      return Timestamps.normalizeEpoch(Long.parseLong(text));
    } catch (NumberFormatException notAnInteger) {
      try {
        return OffsetDateTime.parse(text, DATE_TIME).toInstant().toEpochMilli();
      } catch (DateTimeException | ArithmeticException e) {
        // ArithmeticException: a date that parses but lies beyond what epoch milliseconds hold
        throw new RejectedFixException(RejectReason.WRONG_TYPE,
            field + " must be epoch seconds or milliseconds, or an ISO-8601 date-time");
      }
    }
  }

  private static <T> T required(JsonObject json, String field, Class<T> type) {
    T value = optional(json, field, type);
    if (value == null) {
      throw missing(field);
    }
    return value;
  }

  private static <T> T optional(JsonObject json, String field, Class<T> type) {
    Object value = json.getValue(field);
    if (value == null || type.isInstance(value)) {
      return type.cast(value);
    }
    throw new RejectedFixException(RejectReason.WRONG_TYPE,
        field + " must be " + describe(type) + ", not " + describe(value.getClass()));
  }

  private static double finite(String field, double value) {
    if (!Double.isFinite(value)) {
      throw new RejectedFixException(RejectReason.NOT_A_NUMBER, field + " is " + value);
    }
    return value;
  }

  private static RejectedFixException missing(String field) {
    return new RejectedFixException(RejectReason.MISSING_FIELD, field + " is required");
  }

  private static String describe(Class<?> type) {
    if (Number.class.isAssignableFrom(type)) {
      return "a number";
    }
    if (type == String.class) {
      return "a string";
    }
    if (type == Boolean.class) {
      return "a boolean";
    }
    if (type == JsonObject.class) {
      return "an object";
    }
    return type == JsonArray.class ? "an array" : type.getSimpleName();
  }
}
