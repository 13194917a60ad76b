package io.selene.vision;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a TF.js graph model with TF.js itself (tfjs-core/-converter/-backend-cpu 4.22.0 on Node.js,
 * pure-JS fp32 kernels, tools/tfjs-import/reference/reference.js) on float32 NHWC inputs: the reference
 * of the conversion tests. Needs {@code node} and {@code tools/tfjs-import/install-reference} (the node
 * modules, outside git); anything missing fails with the command to run.
 */
public final class TfjsReference {

    private TfjsReference() {
    }

    /**
     * The model's outputs for each input, by input name then by output name; one {@code node} process for
     * all inputs, files under {@code work}.
     */
    public static Map<String, Map<String, float[]>> run(Path modelJson, String inputName, int[] shape,
            List<String> outputs, Map<String, float[]> inputs, Path work) throws IOException, InterruptedException {
        Path script = VisionSettings.findUpwards(Path.of("tools", "tfjs-import", "reference")).resolve("reference.js");
        assertThat(script).as("tools/tfjs-import/reference/reference.js").isRegularFile();
        StringBuilder shapeText = new StringBuilder();
        for (int d : shape) {
            shapeText.append(shapeText.isEmpty() ? "" : ",").append(d);
        }
        List<String> command = new ArrayList<>(List.of(node(), script.toString(), modelJson.toString(), inputName,
                shapeText.toString(), String.join(",", outputs)));
        Map<String, Path> files = new LinkedHashMap<>();
        for (var entry : inputs.entrySet()) {
            Path file = work.resolve(entry.getKey() + ".f32");
            write(file, entry.getValue());
            files.put(entry.getKey(), file);
            command.add(file.toString());
        }
        execute(command, nodeModules());
        Map<String, Map<String, float[]>> results = new LinkedHashMap<>();
        for (var entry : files.entrySet()) {
            Map<String, float[]> these = new LinkedHashMap<>();
            for (String output : outputs) {
                String suffix = output.substring(output.lastIndexOf('/') + 1);
                these.put(output, read(Path.of(entry.getValue() + "." + suffix + ".f32")));
            }
            results.put(entry.getKey(), these);
        }
        return results;
    }

    private static void execute(List<String> command, Path nodeModules) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("NODE_PATH", nodeModules.toString());
        Path log = Files.createTempFile("tfjs-reference", ".log");
        builder.redirectOutput(log.toFile());
        Process process = builder.start();
        boolean finished = process.waitFor(10, TimeUnit.MINUTES);
        if (!finished) {
            process.destroyForcibly();
        }
        String output = Files.readString(log);
        Files.deleteIfExists(log);
        assertThat(finished && process.exitValue() == 0)
                .as("the TF.js reference (" + String.join(" ", command) + ") failed:\n" + output)
                .isTrue();
    }

    private static String node() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, "node");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new IllegalStateException("Node.js (node) is not on the PATH; the conversion tests run TF.js on it "
                + "— install nodejs");
    }

    private static Path nodeModules() {
        String configured = System.getenv("SELENE_CACHE_DIR");
        Path cache = configured != null && !configured.isBlank() ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".cache", "selene");
        Path modules = cache.resolve("tfjs-reference").resolve("node_modules");
        for (String module : List.of("tfjs-core", "tfjs-converter", "tfjs-backend-cpu")) {
            if (!Files.isRegularFile(modules.resolve("@tensorflow").resolve(module).resolve("package.json"))) {
                throw new IllegalStateException("TF.js reference modules missing in " + modules + " (@tensorflow/"
                        + module + ") — run tools/tfjs-import/install-reference");
            }
        }
        return modules;
    }

    private static void write(Path file, float[] values) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(values);
        Files.write(file, buffer.array());
    }

    private static float[] read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        float[] out = new float[bytes.length / 4];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
        return out;
    }
}
