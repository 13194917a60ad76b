package io.selene.licenses.license;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.selene.commons.error.LunaException;
import io.selene.commons.license.Feature;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The licence file: its canonical form, its Ed25519 signature, what is refused, and bin/license's files. */
class LicenseDocumentTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path work;

    static KeyPair keys() throws Exception {
        return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    }

    static String signed(String license, PrivateKey key) throws Exception {
        JsonNode node = JSON.readTree(license);
        Signature signer = Signature.getInstance("Ed25519");
        signer.initSign(key);
        signer.update(CanonicalJson.of(node).getBytes(StandardCharsets.UTF_8));
        return "{\"license\": " + license + ", \"signature\": \"" + Base64.getEncoder().encodeToString(signer.sign())
                + "\"}";
    }

    private static final String TERMS = """
            {"licensee": "ACME \\"Test\\" Ltd\\n", "license_id": "acme-1", "faces_limit": 100,
             "issue_time": "2025-01-01T00:00:00Z", "expiration_time": "2035-01-01T00:00:00+02:00",
             "features": {"tasks": true, "liveness": true}}""";

    @Test
    void theCanonicalFormSortsKeysDropsWhitespaceAndEscapesOnlyWhatItMust() throws Exception {
        String canonical = CanonicalJson.of(JSON.readTree("{\"b\": [1, {\"z\": null, \"a\": true}], \"a\": \"é\\t\\u0001\"}"));

        assertThat(canonical).isEqualTo("{\"a\":\"é\\t\\u0001\",\"b\":[1,{\"a\":true,\"z\":null}]}");
        assertThatThrownBy(() -> CanonicalJson.of(JSON.readTree("{\"limit\": 1.5}")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSignedLicenseVerifiesAndGivesItsTerms() throws Exception {
        KeyPair keys = keys();
        LicenseDocument document = LicenseDocument.parse(JSON.readTree(signed(TERMS, keys.getPrivate())));

        assertThat(document.signedBy(keys.getPublic())).isTrue();
        assertThat(document.terms().licenseId()).isEqualTo("acme-1");
        assertThat(document.terms().licensee()).isEqualTo("ACME \"Test\" Ltd\n");
        assertThat(document.terms().facesLimit()).isEqualTo(100);
        assertThat(document.terms().facesHardLimit()).isEqualTo(110);
        assertThat(document.terms().allows(Feature.TASKS)).isTrue();
        assertThat(document.terms().allows(Feature.LIVENESS)).isTrue();
        assertThat(document.terms().allows(Feature.BODIES)).as("left out: off").isFalse();
        assertThat(document.terms().allows(Feature.INDEX)).isFalse();
        assertThat(document.expiredAt(OffsetDateTime.parse("2034-12-31T21:59:59Z"))).isFalse();
        assertThat(document.expiredAt(OffsetDateTime.parse("2034-12-31T22:00:00Z"))).isTrue();
        assertThat(document.signedBy(keys().getPublic())).as("another key").isFalse();
    }

    @Test
    void anyChangeAfterSigningBreaksTheSignature() throws Exception {
        KeyPair keys = keys();
        ObjectNode file = (ObjectNode) JSON.readTree(signed(TERMS, keys.getPrivate()));
        List<java.util.function.Consumer<ObjectNode>> tamperings = List.of(
                license -> license.put("faces_limit", 1000000),
                license -> ((ObjectNode) license.get("features")).put("bodies", true),
                license -> license.put("expiration_time", "2099-01-01T00:00:00Z"),
                license -> license.putNull("expiration_time"),
                license -> license.put("licensee", "ACME \"Test\" Ltd"));
        for (var tampering : tamperings) {
            ObjectNode copy = file.deepCopy();
            tampering.accept((ObjectNode) copy.get("license"));
            assertThat(LicenseDocument.parse(copy).signedBy(keys.getPublic())).as(copy.toString()).isFalse();
        }
        // whitespace and key order are not part of what is signed
        JsonNode reordered = JSON.readTree(file.toString().replace("{", "{ "));
        assertThat(LicenseDocument.parse(reordered).signedBy(keys.getPublic())).isTrue();
    }

    @Test
    void malformedFilesAreRefusedNamingWhatIsWrong() throws Exception {
        KeyPair keys = keys();
        String valid = signed(TERMS, keys.getPrivate());
        List<String[]> cases = new ArrayList<>();
        cases.add(new String[] {"[]", "JSON object"});
        cases.add(new String[] {valid.replace("\"signature\"", "\"sig\""), "unknown field 'sig'"});
        cases.add(new String[] {valid.replace("\"license_id\"", "\"id\""), "unknown field 'license.id'"});
        cases.add(new String[] {valid.replace("\"acme-1\"", "\"acme 1\""), "license_id"});
        cases.add(new String[] {valid.replace("\"faces_limit\": 100", "\"faces_limit\": 0"), "faces_limit"});
        cases.add(new String[] {valid.replace("\"faces_limit\": 100", "\"faces_limit\": 1.5"), "faces_limit"});
        cases.add(new String[] {valid.replace("\"tasks\": true", "\"teleport\": true"), "unknown feature"});
        cases.add(new String[] {valid.replace("\"tasks\": true", "\"tasks\": 1"), "true or false"});
        cases.add(new String[] {valid.replace("2035-01-01T00:00:00+02:00", "next year"), "expiration_time"});
        cases.add(new String[] {valid.replace("2035-01-01T00:00:00+02:00", "2024-01-01T00:00:00Z"), "after"});
        cases.add(new String[] {valid.replaceAll("\"signature\": \"[^\"]*\"", "\"signature\": \"!!\""), "base64"});
        for (String[] c : cases) {
            assertThatThrownBy(() -> LicenseDocument.parse(JSON.readTree(c[0]))).as(c[0])
                    .isInstanceOfSatisfying(LunaException.class, e -> {
                        assertThat(e.errorCode()).isEqualTo(33005);
                        assertThat(e.detail()).contains(c[1]);
                    });
        }
    }

    /** bin/license keygen + sign make files this service accepts: the tool and the service agree on the form. */
    @Test
    void binLicenseMakesKeysAndLicensesThatVerify() throws Exception {
        Path tool = findUpwards(Path.of("bin", "license"));
        Path keyDir = work.resolve("keys");
        String publicKeyLine = run(tool.toString(), "keygen", "--out", keyDir.toString()).strip();
        assertThat(Files.readString(keyDir.resolve("license-private.pem"))).startsWith("-----BEGIN PRIVATE KEY-----");
        Path file = work.resolve("acme.json");
        run(tool.toString(), "sign", "--key", keyDir.resolve("license-private.pem").toString(), "--licensee",
                "ACME \"Tools\"", "--id", "tool-1", "--faces-limit", "5000", "--features", "liveness,index",
                "--issued", "2025-06-01T00:00:00Z", "--expires", "2030-06-01T00:00:00Z", "--out", file.toString());

        LicenseDocument document = LicenseDocument.parse(JSON.readTree(Files.readString(file)));
        assertThat(document.signedBy(PublicKeys.parse(publicKeyLine, "keygen output"))).isTrue();
        assertThat(document.signedBy(PublicKeys.parse(Files.readString(keyDir.resolve("license-public.pem")), "pem")))
                .isTrue();
        assertThat(document.terms().licensee()).isEqualTo("ACME \"Tools\"");
        assertThat(document.terms().facesLimit()).isEqualTo(5000);
        assertThat(document.terms().features()).containsEntry("liveness", true).containsEntry("index", true)
                .containsEntry("bodies", false).containsEntry("tasks", false);
        assertThat(document.terms().expirationTime()).isEqualTo(OffsetDateTime.parse("2030-06-01T00:00:00Z"));
        assertThat(run(tool.toString(), "keygen", "--out", keyDir.toString(), "--expect-failure"))
                .contains("refusing to replace a private key");
    }

    static Path findUpwards(Path relative) {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve(relative))) {
            dir = dir.getParent();
        }
        assertThat(dir).as(relative + " above the working directory").isNotNull();
        return dir.resolve(relative);
    }

    private static String run(String... command) throws Exception {
        boolean expectFailure = command[command.length - 1].equals("--expect-failure");
        List<String> args = new ArrayList<>(List.of(command));
        if (expectFailure) {
            args.removeLast();
        }
        Process process = new ProcessBuilder(args).redirectErrorStream(expectFailure).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue() == 0).as(String.join(" ", args) + " → " + out).isEqualTo(!expectFailure);
        return out;
    }
}
