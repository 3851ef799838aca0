package org.lamplight.console;

import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.pointer.JsonPointer;
import io.vertx.ext.web.RoutingContext;
import io.vertx.json.schema.OutputUnit;
import io.vertx.openapi.validation.SchemaValidationException;
import io.vertx.openapi.validation.ValidatorErrorType;
import io.vertx.openapi.validation.ValidatorException;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Says in one sentence which field of a request broke openapi.yaml and how, from what the
 * validator reports: {@code 'type' must be one of fire, traffic, security, rescue, other, not "flood"}.
 * The validator's own wording (vertx-openapi, vertx-json-schema) is read here and nowhere else.
 */
final class ContractViolations {

  private static final Pattern INVALID_PARAMETER = Pattern.compile("The value of (\\w+) parameter (\\S+) is invalid");
  private static final Pattern REQUIRED = Pattern.compile("required property \"(.*)\"");
  private static final Pattern EXPECTED_TYPE = Pattern.compile("Expected (.+)$");
  private static final Pattern ENUM = Pattern.compile("any of (\\[.*])$");
  /** Rules a value breaks itself; the validator also reports every schema around it ("properties", "$ref", ...). */
  private static final Set<String> RULES = Set.of("type", "enum", "const", "required", "minimum", "maximum",
      "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "minLength", "maxLength", "pattern", "format", "minItems",
      "maxItems", "uniqueItems", "minProperties", "maxProperties");

  private ContractViolations() {
  }

  static String describe(ValidatorException e, RoutingContext ctx) {
    if (e instanceof SchemaValidationException schema && schema.getOutputUnit().getErrors() != null) {
      OutputUnit broken = brokenRule(schema.getOutputUnit().getErrors());
      Matcher parameter = INVALID_PARAMETER.matcher(e.getMessage());
      if (parameter.lookingAt()) {
        String value = ctx.request().getParam(parameter.group(2));
        return sentence(parameter.group(1) + " parameter '" + parameter.group(2) + "'", broken, value);
      }
      String location = broken.getInstanceLocation() == null ? "" : broken.getInstanceLocation();
      Matcher required = REQUIRED.matcher(broken.getError());
      if ("required".equals(keyword(broken)) && required.find()) {
        return "'" + field(location + "/" + required.group(1)) + "' is required";
      }
      String name = field(location);
      return sentence(name.isEmpty() ? "the body" : "'" + name + "'", broken, bodyValue(ctx, location));
    }
    if (e.type() == ValidatorErrorType.MISSING_REQUIRED_PARAMETER && e.getMessage().contains("required body")) {
      return "a JSON body is required";
    }
    if (e.type() == ValidatorErrorType.ILLEGAL_VALUE && e.getMessage().contains("body can't be decoded")) {
      return "the body is not valid JSON";
    }
    return e.getMessage();
  }

  private static String sentence(String subject, OutputUnit broken, Object value) {
    String keyword = keyword(broken);
    String text = broken.getError();
    Matcher expected = EXPECTED_TYPE.matcher(text);
    if ("type".equals(keyword) && expected.find()) {
      return subject + " must be of type " + expected.group(1);
    }
    Matcher anyOf = ENUM.matcher(text);
    if ("enum".equals(keyword) && anyOf.find()) {
      // a code is shown back (never any other value: it could be a password or a whole body)
      String shown = value == null ? "" : Json.encode(value);
      return subject + " must be one of " + new JsonArray(anyOf.group(1)).stream().map(String::valueOf)
          .collect(Collectors.joining(", ")) + (shown.isEmpty() || shown.length() > 64 ? "" : ", not " + shown);
    }
    if ("additionalProperties".equals(keyword)) {
      return subject + " is not allowed";
    }
    return subject + " is invalid: " + text;
  }

  private static OutputUnit brokenRule(List<OutputUnit> errors) {
    return errors.stream().filter(error -> RULES.contains(keyword(error))).findFirst()
        .orElse(errors.get(errors.size() - 1));
  }

  private static String keyword(OutputUnit error) {
    String location = error.getKeywordLocation() == null ? "" : error.getKeywordLocation();
    return location.substring(location.lastIndexOf('/') + 1);
  }

  /** The rejected value in the body, to show it back. */
  private static Object bodyValue(RoutingContext ctx, String location) {
    try {
      return JsonPointer.from(location.startsWith("#") ? location.substring(1) : location)
          .queryJson(Json.decodeValue(ctx.body().buffer()));
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** A JSON pointer as people write a field: {@code /stations/0} is {@code stations[0]}, {@code /a/b} is {@code a.b}. */
  static String field(String pointer) {
    StringBuilder out = new StringBuilder();
    for (String token : pointer.split("/")) {
      String name = token.replace("~1", "/").replace("~0", "~");
      if (name.isEmpty() || name.equals("#")) {
        continue;
      }
      boolean index = out.length() > 0 && name.chars().allMatch(Character::isDigit);
      out.append(index ? "[" + name + "]" : (out.length() > 0 ? "." : "") + name);
    }
    return out.toString();
  }
}
