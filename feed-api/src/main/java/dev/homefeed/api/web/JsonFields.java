package dev.homefeed.api.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.homefeed.api.problem.InvalidRequestException;

/**
 * Reads request bodies field by field. Bodies arrive as a JSON tree so that a {@code text} that is a number or an
 * object is refused instead of being coerced into a string.
 */
public final class JsonFields {

    private JsonFields() {
    }

    public static JsonNode object(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new InvalidRequestException("body", "must be a JSON object");
        }
        return body;
    }

    public static String requiredString(JsonNode body, String field) {
        String value = optionalString(body, field);
        if (value == null) {
            throw new InvalidRequestException(field, "is required");
        }
        return value;
    }

    /** The string, or null when the field is absent or JSON null; a 400 when it is not a string. */
    public static String optionalString(JsonNode body, String field) {
        JsonNode node = object(body).get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw new InvalidRequestException(field, "must be a JSON string");
        }
        return node.textValue();
    }
}
