package io.selene.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.selene.testsupport.HttpProbe;

/**
 * The licence key pair of this test JVM (its public key is given to the shared platform's
 * licenses-service) and licences signed with it by {@code bin/license sign}, as an operator makes them.
 */
public final class TestLicenses {

    private static final KeyPair KEYS = generate();
    private static Path privateKey;

    private TestLicenses() {
    }

    /** The public key as {@code SELENE_LICENSE_PUBLIC_KEY} takes it (base64 of the DER). */
    public static String publicKey() {
        return Base64.getEncoder().encodeToString(KEYS.getPublic().getEncoded());
    }

    /** A licence file signed with this JVM's key by {@code bin/license sign} with the given options. */
    public static String sign(String... options) {
        return sign(privateKeyFile(), options);
    }

    /** A licence file signed with another key (one the platform does not know). */
    public static String signWithAnotherKey(String... options) {
        KeyPair other = generate();
        return sign(pem(other), options);
    }

    /** Removes whatever licence is installed (404 when none): the community terms apply again. */
    public static void removeLicense(TestPlatform platform) {
        HttpProbe.Answer answer = platform.admin().send("DELETE", "/6/license");
        assertThat(answer.status()).as(answer.toString()).isIn(204, 404);
    }

    private static String sign(Path key, String... options) {
        List<String> command = new ArrayList<>(List.of(tool().toString(), "sign", "--key", key.toString()));
        command.addAll(List.of(options));
        try {
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
            assertThat(process.exitValue()).as(String.join(" ", command)).isZero();
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static synchronized Path privateKeyFile() {
        if (privateKey == null) {
            privateKey = pem(KEYS);
        }
        return privateKey;
    }

    private static Path pem(KeyPair keys) {
        try {
            Path file = Files.createTempFile("selene-test-license", ".pem");
            file.toFile().deleteOnExit();
            Files.writeString(file, "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder().encodeToString(keys.getPrivate().getEncoded())
                    + "\n-----END PRIVATE KEY-----\n");
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path tool() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isExecutable(dir.resolve("bin").resolve("license"))) {
            dir = dir.getParent();
        }
        assertThat(dir).as("bin/license above " + Path.of("").toAbsolutePath()).isNotNull();
        return dir.resolve("bin").resolve("license");
    }

    private static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
