package io.selene.commons.msgpack;

import java.io.IOException;
import java.util.Base64;
import java.util.Map;

import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.Value;
import org.msgpack.value.ValueType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * msgpack and the JSON the services read and answer: LUNA sends descriptors (and images) as msgpack
 * binary where JSON has base64 text, so binary becomes base64 text on the way in, and the answer's
 * base64 fields named as binary (an {@code sdk_descriptor}) go back as binary; everything else maps
 * one to one.
 */
public final class MsgpackJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private MsgpackJson() {
    }

    /** One msgpack value (the whole body) as JSON; {@link IllegalArgumentException} when malformed. */
    public static JsonNode toJson(byte[] body) throws IOException {
        try (MessageUnpacker unpacker = MessagePack.newDefaultUnpacker(body)) {
            if (!unpacker.hasNext()) {
                throw new IllegalArgumentException("empty body");
            }
            JsonNode node = toJson(unpacker.unpackValue(), "body");
            if (unpacker.hasNext()) {
                throw new IllegalArgumentException("more than one value in the body");
            }
            return node;
        } catch (org.msgpack.core.MessagePackException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }

    private static JsonNode toJson(Value value, String path) {
        return switch (value.getValueType()) {
            case NIL -> NODES.nullNode();
            case BOOLEAN -> NODES.booleanNode(value.asBooleanValue().getBoolean());
            case INTEGER -> value.asIntegerValue().isInLongRange() ? NODES.numberNode(value.asIntegerValue().toLong())
                    : NODES.numberNode(value.asIntegerValue().toBigInteger());
            case FLOAT -> NODES.numberNode(value.asFloatValue().toDouble());
            case STRING -> {
                String text = value.asStringValue().asString();
                if (text.indexOf('\0') >= 0) {
                    throw new IllegalArgumentException("NUL in the text at " + path);
                }
                yield NODES.stringNode(text);
            }
            case BINARY -> NODES.stringNode(Base64.getEncoder().encodeToString(value.asBinaryValue().asByteArray()));
            case ARRAY -> {
                ArrayNode array = NODES.arrayNode();
                int i = 0;
                for (Value item : value.asArrayValue()) {
                    array.add(toJson(item, path + "[" + i++ + "]"));
                }
                yield array;
            }
            case MAP -> {
                ObjectNode object = NODES.objectNode();
                for (Map.Entry<Value, Value> entry : value.asMapValue().entrySet()) {
                    if (entry.getKey().getValueType() != ValueType.STRING) {
                        throw new IllegalArgumentException("a map key at " + path + " is not a string");
                    }
                    String key = entry.getKey().asStringValue().asString();
                    object.set(key, toJson(entry.getValue(), path + "." + key));
                }
                yield object;
            }
            case EXTENSION -> throw new IllegalArgumentException("msgpack extension type at " + path);
        };
    }

    /** A JSON answer as msgpack, the base64 text of the fields named in {@code binaryKeys} as binary. */
    public static byte[] toMsgpack(JsonNode node, java.util.Set<String> binaryKeys) throws IOException {
        try (MessageBufferPacker packer = MessagePack.newDefaultBufferPacker()) {
            pack(node, packer, binaryKeys, false);
            return packer.toByteArray();
        }
    }

    private static void pack(JsonNode node, MessageBufferPacker packer, java.util.Set<String> binaryKeys,
            boolean binary) throws IOException {
        if (binary && node != null && node.isString()) {
            byte[] bytes;
            try {
                bytes = Base64.getDecoder().decode(node.stringValue());
            } catch (IllegalArgumentException notBase64) {
                packer.packString(node.stringValue());
                return;
            }
            packer.packBinaryHeader(bytes.length).writePayload(bytes);
            return;
        }
        if (node == null || node.isNull() || node.isMissingNode()) {
            packer.packNil();
        } else if (node.isBoolean()) {
            packer.packBoolean(node.booleanValue());
        } else if (node.isIntegralNumber()) {
            if (node.canConvertToLong()) {
                packer.packLong(node.longValue());
            } else {
                packer.packBigInteger(node.bigIntegerValue());
            }
        } else if (node.isNumber()) {
            packer.packDouble(node.doubleValue());
        } else if (node.isString()) {
            packer.packString(node.stringValue());
        } else if (node.isArray()) {
            packer.packArrayHeader(node.size());
            for (JsonNode item : node) {
                pack(item, packer, binaryKeys, false);
            }
        } else if (node.isObject()) {
            packer.packMapHeader(node.size());
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                packer.packString(field.getKey());
                pack(field.getValue(), packer, binaryKeys, binaryKeys.contains(field.getKey()));
            }
        } else {
            packer.packString(node.asString());
        }
    }
}
