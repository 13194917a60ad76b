package io.selene.matcher.raw;

import static io.selene.testsupport.ServiceConventionsTest.assertLunaError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import io.selene.commons.descriptor.DescriptorCodec;
import io.selene.commons.descriptor.DescriptorVersion;
import io.selene.commons.far.FarTable;
import io.selene.commons.far.FarTables;
import io.selene.testsupport.HttpProbe;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RawMatchTest {

    private static final UUID ACCOUNT = UUID.randomUUID();

    @Value("${local.server.port}")
    int port;

    private HttpProbe matcher() {
        return HttpProbe.internal(port, ACCOUNT);
    }

    private static float[] vector(Random random) {
        float[] v = new float[512];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return v;
    }

    /** {@code base} mixed with noise: the larger {@code weight}, the closer. */
    private static float[] mix(float[] base, double weight, Random random) {
        float[] noise = vector(random);
        float[] v = new float[512];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (weight * base[i] + (1 - weight) * noise[i]);
        }
        return v;
    }

    private static String sdk(float[] v) {
        return new DescriptorCodec.Descriptor(DescriptorVersion.FACE_FP512, v).sdkBase64();
    }

    private static String raw(float[] v) {
        return new DescriptorCodec.Descriptor(DescriptorVersion.FACE_FP512, v).rawBase64();
    }

    private static String item(String id, String type, String data, Integer version) {
        return "{\"id\":\"" + id + "\",\"type\":\"" + type + "\",\"data\":\"" + data + "\""
                + (version == null ? "" : ",\"descriptor_version\":" + version) + "}";
    }

    @Test
    void candidatesComeBestFirstWithSimilarityInZeroOne() {
        Random random = new Random(1);
        float[] person = vector(random);
        String body = "{\"references\":[" + item("ref", "sdk_descriptor", sdk(person), null) + "],"
                + "\"candidates\":[" + item("far", "raw_descriptor", raw(vector(random)), 201) + ","
                + item("same", "sdk_descriptor", sdk(person), null) + ","
                + item("close", "raw_descriptor", raw(mix(person, 0.7, random)), 201) + "]}";

        HttpProbe.Answer answer = matcher().post("/1/matcher/raw", body);

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        JsonNode match = answer.json().get("matches").get(0);
        assertThat(match.get("reference_id").asString()).isEqualTo("ref");
        List<String> order = new ArrayList<>();
        match.get("matches").forEach(c -> order.add(c.get("candidate_id").asString()));
        assertThat(order).containsExactly("same", "close", "far");
        assertThat(match.get("matches").get(0).get("similarity").asDouble()).isGreaterThan(0.99).isLessThanOrEqualTo(1.0);
        assertThat(match.get("matches").get(2).get("similarity").asDouble()).isLessThan(0.05).isGreaterThanOrEqualTo(0);
    }

    @Test
    void limitAndThresholdCutTheCandidates() {
        Random random = new Random(2);
        float[] person = vector(random);
        StringBuilder candidates = new StringBuilder();
        for (int i = 0; i < 30; i++) {
            candidates.append(i == 0 ? "" : ",").append(item("c" + i, "sdk_descriptor",
                    sdk(i < 3 ? mix(person, 0.8, random) : vector(random)), null));
        }
        String references = "[" + item("ref", "sdk_descriptor", sdk(person), null) + "]";

        JsonNode limited = matcher().post("/1/matcher/raw", "{\"references\":" + references + ",\"candidates\":["
                + candidates + "],\"limit\":2}").json();
        assertThat(limited.get("matches").get(0).get("matches")).hasSize(2);

        JsonNode thresholded = matcher().post("/1/matcher/raw", "{\"references\":" + references + ",\"candidates\":["
                + candidates + "],\"threshold\":0.5}").json();
        assertThat(thresholded.get("matches").get(0).get("matches")).hasSize(3);
        thresholded.get("matches").get(0).get("matches")
                .forEach(c -> assertThat(c.get("similarity").asDouble()).isGreaterThanOrEqualTo(0.5));
    }

    @Test
    void everyCandidateHasItsFarAndFarPresetsStandForThresholds() {
        Random random = new Random(5);
        float[] person = vector(random);
        StringBuilder candidates = new StringBuilder();
        for (int i = 0; i < 40; i++) { // cosines from ~0 to 1 with the person
            candidates.append(i == 0 ? "" : ",").append(item("c" + i, "sdk_descriptor",
                    sdk(mix(person, i / 40.0, random)), null));
        }
        String body = "{\"references\":[" + item("ref", "sdk_descriptor", sdk(person), null) + "],\"candidates\":["
                + candidates + "]";
        FarTable table = new FarTables().faces();

        JsonNode all = matcher().post("/1/matcher/raw", body + "}").json().get("matches").get(0).get("matches");
        assertThat(all).hasSize(40);
        double previous = 0;
        for (JsonNode candidate : all) { // best first: the FAR grows as the similarity falls
            double far = candidate.get("far").asDouble();
            assertThat(far).isBetween(FarTables.round(table.minFar()), 1.0).isGreaterThanOrEqualTo(previous);
            assertThat(far).isCloseTo(table.far(candidate.get("similarity").asDouble()), withinPercentage(0.5));
            previous = far;
        }

        for (double preset : FarTables.PRESETS) {
            JsonNode kept = matcher().post("/1/matcher/raw", body + ",\"far\":" + preset + "}").json()
                    .get("matches").get(0).get("matches");
            long expected = 0;
            for (JsonNode candidate : all) {
                expected += candidate.get("similarity").asDouble() >= table.similarityAt(preset) ? 1 : 0;
            }
            assertThat(kept).as("far %s", preset).hasSize((int) expected).isNotEmpty();
            kept.forEach(c -> assertThat(c.get("far").asDouble()).isLessThanOrEqualTo(preset * 1.01));
        }
        assertThat(matcher().post("/1/matcher/raw", body + ",\"far\":1e-5}").json().get("matches").get(0)
                .get("matches").size()).isLessThan(matcher().post("/1/matcher/raw", body + ",\"far\":1e-3}").json()
                .get("matches").get(0).get("matches").size());

        HttpProbe.Answer notPreset = matcher().post("/1/matcher/raw", body + ",\"far\":0.01}");
        assertThat(notPreset.status()).isEqualTo(400);
        assertLunaError(notPreset, 12056);
        assertThat(notPreset.json().get("detail").asString()).contains("'far'").contains("0.01");
    }

    @Test
    void badDescriptorsAreRefusedNamingTheItem() {
        Random random = new Random(3);
        String good = item("ok", "sdk_descriptor", sdk(vector(random)), null);

        HttpProbe.Answer unknownVersion = matcher().post("/1/matcher/raw", "{\"references\":[" + good
                + "],\"candidates\":[" + item("c", "raw_descriptor", raw(vector(random)), 59) + "]}");
        assertThat(unknownVersion.status()).isEqualTo(400);
        assertLunaError(unknownVersion, 12050);
        assertThat(unknownVersion.json().get("detail").asString()).contains("candidates[0]");

        HttpProbe.Answer shortRaw = matcher().post("/1/matcher/raw", "{\"references\":[" + item("r", "raw_descriptor",
                "AAAA", 201) + "],\"candidates\":[" + good + "]}");
        assertLunaError(shortRaw, 12051);

        HttpProbe.Answer noVersion = matcher().post("/1/matcher/raw", "{\"references\":[" + item("r",
                "raw_descriptor", raw(vector(random)), null) + "],\"candidates\":[" + good + "]}");
        assertLunaError(noVersion, 15004);

        HttpProbe.Answer empty = matcher().post("/1/matcher/raw", "{\"references\":[],\"candidates\":[" + good + "]}");
        assertLunaError(empty, 102);
    }

    @Test
    void requestLimitsAreSettings() {
        Random random = new Random(4);
        String one = item("x", "sdk_descriptor", sdk(vector(random)), null);
        String many = String.join(",", java.util.Collections.nCopies(101, one));

        HttpProbe.Answer tooMany = matcher().post("/1/matcher/raw", "{\"references\":[" + many + "],\"candidates\":["
                + one + "]}");
        assertThat(tooMany.status()).isEqualTo(400);
        assertLunaError(tooMany, 15001);

        HttpProbe.Answer badLimit = matcher().post("/1/matcher/raw", "{\"references\":[" + one + "],\"candidates\":["
                + one + "],\"limit\":0}");
        assertLunaError(badLimit, 15003);
    }

    @Test
    void onlyTheGatewayWithAnAccountMayCall() {
        Random random = new Random(5);
        String one = item("x", "sdk_descriptor", sdk(vector(random)), null);
        String body = "{\"references\":[" + one + "],\"candidates\":[" + one + "]}";

        assertLunaError(HttpProbe.onPort(port).post("/1/matcher/raw", body), 12043);
        assertLunaError(HttpProbe.internal(port).post("/1/matcher/raw", body), 12041);
    }
}
