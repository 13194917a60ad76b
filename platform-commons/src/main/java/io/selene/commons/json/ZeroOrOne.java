package io.selene.commons.json;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;

/**
 * A LUNA boolean: {@code true}/{@code false} or {@code 1}/{@code 0}; any other number is refused rather than
 * read as true ({@code @JsonDeserialize(using = ZeroOrOne.class) Boolean blocked}).
 */
public final class ZeroOrOne extends ValueDeserializer<Boolean> {

    @Override
    public Boolean deserialize(JsonParser parser, DeserializationContext context) {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE) {
            return token == JsonToken.VALUE_TRUE;
        }
        if (token == JsonToken.VALUE_NUMBER_INT && (parser.getIntValue() == 0 || parser.getIntValue() == 1)) {
            return parser.getIntValue() == 1;
        }
        return context.reportInputMismatch(Boolean.class, "must be true or false");
    }
}
