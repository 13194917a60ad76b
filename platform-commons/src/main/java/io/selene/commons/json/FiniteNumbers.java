package io.selene.commons.json;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.deser.std.StdScalarDeserializer;
import tools.jackson.databind.module.SimpleModule;

/**
 * Floating-point fields of request bodies take JSON numbers only: Jackson would read the strings
 * {@code "NaN"} and {@code "Infinity"} as those values before any coercion rule applies, and a NaN
 * threshold passes every {@code < 0 || > 1} check. Strings, and numbers too large for the type, are
 * refused with the field's path.
 */
public final class FiniteNumbers {

    private FiniteNumbers() {
    }

    public static SimpleModule module() {
        SimpleModule module = new SimpleModule("selene-finite-numbers");
        module.addDeserializer(Double.class, new Finite<>(Double.class, false));
        module.addDeserializer(Double.TYPE, new Finite<>(Double.TYPE, true));
        module.addDeserializer(Float.class, new Finite<>(Float.class, false));
        module.addDeserializer(Float.TYPE, new Finite<>(Float.TYPE, true));
        return module;
    }

    private static final class Finite<T> extends StdScalarDeserializer<T> {

        private final boolean primitive;
        private final boolean single;

        Finite(Class<T> type, boolean primitive) {
            super(type);
            this.primitive = primitive;
            this.single = type == Float.class || type == Float.TYPE;
        }

        @Override
        @SuppressWarnings("unchecked")
        public T deserialize(JsonParser p, DeserializationContext ctxt) {
            JsonToken token = p.currentToken();
            if (token != JsonToken.VALUE_NUMBER_INT && token != JsonToken.VALUE_NUMBER_FLOAT) {
                return (T) ctxt.reportInputMismatch(this, "must be a number");
            }
            double value = p.getDoubleValue();
            if (!Double.isFinite(value) || single && !Float.isFinite((float) value)) {
                return (T) ctxt.reportInputMismatch(this, "must be a finite number");
            }
            return (T) (single ? (Object) (float) value : (Object) value);
        }

        /** A field left out takes the type's default, as with Jackson's own deserializers. */
        @Override
        public Object getAbsentValue(DeserializationContext ctxt) {
            return primitive ? (single ? (Object) 0f : (Object) 0d) : null;
        }

        @Override
        public Object getNullValue(DeserializationContext ctxt) {
            if (!primitive) {
                return null;
            }
            if (ctxt.isEnabled(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)) {
                return ctxt.reportInputMismatch(this, "must be a number, not null");
            }
            return single ? (Object) 0f : (Object) 0d;
        }
    }
}
