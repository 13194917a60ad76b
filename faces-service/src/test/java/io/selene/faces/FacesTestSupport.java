package io.selene.faces;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.UUID;

import io.selene.commons.descriptor.DescriptorCodec;
import io.selene.testsupport.HttpProbe;
import org.springframework.beans.factory.annotation.Value;
import tools.jackson.databind.JsonNode;

/** What the faces-service tests share: callers of given accounts, descriptors, quick creates. */
public abstract class FacesTestSupport {

    private static final Random RANDOM = new Random(42);

    @Value("${local.server.port}")
    protected int port;

    protected HttpProbe as(UUID account) {
        return HttpProbe.internal(port, account);
    }

    protected HttpProbe asAdvanced(UUID account) {
        return HttpProbe.internal(port, account).with("X-Selene-Visibility", "all");
    }

    /** A random L2-normalised version-201 descriptor, raw bytes in base64. */
    protected static String descriptor() {
        return java.util.Base64.getEncoder().encodeToString(DescriptorCodec.encodeRaw(randomUnit()));
    }

    protected static float[] randomUnit() {
        float[] values = new float[512];
        double norm = 0;
        synchronized (RANDOM) {
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) RANDOM.nextGaussian();
                norm += values[i] * values[i];
            }
        }
        float scale = (float) (1 / Math.sqrt(norm));
        for (int i = 0; i < values.length; i++) {
            values[i] *= scale;
        }
        return values;
    }

    protected static String faceBody(String extra) {
        return "{\"descriptors\":[{\"version\":201,\"data\":\"" + descriptor() + "\"}],"
                + "\"basic_attributes\":{\"age\":30,\"gender\":1}" + (extra.isEmpty() ? "" : "," + extra) + "}";
    }

    protected UUID createFace(UUID account, String extra) {
        HttpProbe.Answer answer = as(account).post("/3/faces", faceBody(extra));
        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        return UUID.fromString(answer.json().get("face_id").asString());
    }

    protected UUID createList(UUID account, String userData) {
        HttpProbe.Answer answer = as(account).post("/3/lists", "{\"user_data\":\"" + userData + "\"}");
        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        return UUID.fromString(answer.json().get("list_id").asString());
    }

    protected HttpProbe.Answer link(UUID account, String action, UUID list, UUID... faces) {
        StringBuilder ids = new StringBuilder();
        for (UUID face : faces) {
            ids.append(ids.isEmpty() ? "" : ",").append('"').append(face).append('"');
        }
        return as(account).send("PATCH", "/3/linker", "application/json",
                ("{\"action\":\"" + action + "\",\"list_id\":\"" + list + "\",\"face_ids\":[" + ids + "]}").getBytes());
    }

    protected static long count(HttpProbe.Answer answer, String field) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        return answer.json().get(field).asLong();
    }

    protected static JsonNode ok(HttpProbe.Answer answer) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        return answer.json();
    }
}
