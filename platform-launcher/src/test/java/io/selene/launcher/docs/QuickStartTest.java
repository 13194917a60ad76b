package io.selene.launcher.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.selene.launcher.TestPlatform;
import io.selene.testsupport.HttpProbe;
import io.selene.testsupport.TestPhotos;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The README's quick start, run verbatim: its {@code bash} blocks between the quickstart markers go to
 * bash as one script, with only the variables the README lets a reader set (SELENE, SELENE_ADMIN,
 * PHOTOS) pointed at the shared test platform. The output must name both enrolled people above the
 * README's threshold, and the list must hold their two faces, so the README cannot rot.
 */
class QuickStartTest {

    private static final Path README = Path.of("..", "README.md");
    private static final String BEGIN = "<!-- quickstart:begin -->";
    private static final String END = "<!-- quickstart:end -->";
    private static final Pattern BLOCK = Pattern.compile("```bash\n(.*?)```", Pattern.DOTALL);
    /** The threshold the README recommends and its handler uses. */
    private static final double THRESHOLD = 0.5;

    @TempDir
    Path work;

    @Test
    void theReadmeQuickStartEnrolsTwoPeopleAndIdentifiesThemInAPhoto() throws Exception {
        String script = quickStart();
        assertThat(script).as("the reader's settings, overridable by the environment")
                .contains("SELENE=${SELENE:-http://127.0.0.1:5000}", "SELENE_ADMIN=${SELENE_ADMIN:-",
                        "PHOTOS=${PHOTOS:-var/test-photos}");
        TestPlatform platform = TestPlatform.shared();
        Map<String, String> env = Map.of("SELENE", "http://127.0.0.1:" + platform.port("api-service"),
                "SELENE_ADMIN", platform.adminLogin() + ":" + platform.adminPassword(), "PHOTOS", photos(work).toString());
        String output = run(script, env, work);

        assertEnrolledAndIdentified(platform, output);
    }

    /**
     * What every quick start (curl, Python client, TypeScript client) prints and leaves behind: both people
     * enrolled, found in the photo above the README's threshold, the other faces nobody, the list with
     * exactly their two faces.
     */
    static void assertEnrolledAndIdentified(TestPlatform platform, String output) {
        String login = single(output, "^account (\\S+), password \\S+$");
        String password = single(output, "^account \\S+, password (\\S+)$");
        String list = single(output, "^list ([0-9a-f-]{36})$");
        Map<String, String> enrolled = new HashMap<>();
        for (String name : List.of("Alice", "Bob")) {
            enrolled.put(name, single(output, "^enrolled " + name + ": face ([0-9a-f-]{36})$"));
            double similarity = Double.parseDouble(single(output,
                    "^face at x=\\d+ y=\\d+: " + name + ", similarity ([0-9.]+)$"));
            assertThat(similarity).as(name + " found in the photo\n" + output).isGreaterThan(THRESHOLD);
        }
        assertThat(all(output, "^face at x=\\d+ y=\\d+: (not in the list)$"))
                .as("the photo's other faces are nobody of the list\n" + output)
                .hasSize(TestPhotos.FACES.getFirst() - 2);

        HttpProbe account = platform.basic(login, password);
        HttpProbe.Answer stored = account.get("/6/lists/" + list);
        assertThat(stored.status()).as(stored.toString()).isEqualTo(200);
        assertThat(stored.json().get("face_count").asInt()).isEqualTo(2);
        HttpProbe.Answer faces = account.get("/6/faces?list_id=" + list);
        assertThat(faces.status()).as(faces.toString()).isEqualTo(200);
        Map<String, String> inList = new HashMap<>();
        for (JsonNode face : faces.json().get("faces")) {
            inList.put(face.get("user_data").asString(), face.get("face_id").asString());
        }
        assertThat(inList).isEqualTo(enrolled);
    }

    /** Every bash block between the markers, in order, as the reader pastes them into one shell. */
    private static String quickStart() throws IOException {
        String readme = Files.readString(README);
        int begin = readme.indexOf(BEGIN);
        int end = readme.indexOf(END);
        assertThat(begin).as("README has " + BEGIN).isNotNegative();
        assertThat(end).as("README has " + END + " after it").isGreaterThan(begin);
        StringBuilder script = new StringBuilder();
        Matcher block = BLOCK.matcher(readme.substring(begin, end));
        while (block.find()) {
            script.append(block.group(1)).append('\n');
        }
        assertThat(script).as("bash blocks in the quick start").isNotEmpty();
        return script.toString();
    }

    /** The demo photos where the README expects them ({@code $PHOTOS/sample1.jpg} …). */
    static Path photos(Path work) throws IOException {
        Path dir = Files.createDirectory(work.resolve("photos"));
        for (int n = 1; n <= TestPhotos.FACES.size(); n++) {
            Files.write(dir.resolve("sample" + n + ".jpg"), TestPhotos.sample(n));
        }
        return dir;
    }

    /** bash with errexit, nounset and pipefail, so the first failing command fails the test; stdout and stderr. */
    static String run(String script, Map<String, String> env, Path dir) throws Exception {
        return run(List.of("bash", "-euo", "pipefail", "-c", script), env, dir);
    }

    /** A command in {@code dir} with these environment variables; its stdout and stderr, once it exited 0. */
    static String run(List<String> command, Map<String, String> env, Path dir) throws Exception {
        Path out = dir.resolve("output.txt");
        ProcessBuilder bash = new ProcessBuilder(command).directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(out.toFile());
        bash.environment().putAll(env);
        Process process = bash.start();
        boolean done = process.waitFor(5, TimeUnit.MINUTES);
        if (!done) {
            process.destroyForcibly();
        }
        String output = Files.readString(out, StandardCharsets.UTF_8);
        assertThat(done).as("quick start finished within 5 minutes\n" + output).isTrue();
        assertThat(process.exitValue()).as("quick start's exit status\n" + output).isZero();
        return output;
    }

    static String single(String output, String regex) {
        List<String> found = all(output, regex);
        assertThat(found).as(regex + " once in\n" + output).hasSize(1);
        return found.getFirst();
    }

    static List<String> all(String output, String regex) {
        List<String> found = new ArrayList<>();
        Matcher matcher = Pattern.compile(regex, Pattern.MULTILINE).matcher(output);
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }
}
