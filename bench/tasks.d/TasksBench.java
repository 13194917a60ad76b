import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.selene.vision.FaceEngine;
import io.selene.vision.VisionSettings;

/**
 * bench/tasks (see the script): gc, additional_extract and estimator tasks through /6 on a platform the
 * script started, with a baseline measured in the same run for each. Prints one table.
 */
public class TasksBench {

    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    static String api;
    static String imageStore;
    static String handlers;
    static String faces;
    static String secret;
    static String basic;
    static String account;
    static String db;
    static long platformPid;

    public static void main(String[] args) throws Exception {
        api = "http://127.0.0.1:" + args[0];
        imageStore = "http://127.0.0.1:" + args[1];
        handlers = "http://127.0.0.1:" + args[2];
        faces = "http://127.0.0.1:" + args[12];
        secret = args[3];
        String admin = "Basic " + b64(args[4] + ":" + args[5]);
        platformPid = Long.parseLong(args[6]);
        db = args[7];
        int gcFaces = Integer.parseInt(args[8]);
        int extractFaces = Integer.parseInt(args[9]);
        int estimatorImages = Integer.parseInt(args[10]);
        Path photos = Path.of(args[11]);

        String login = "tasks-bench@selene.local";
        String password = "bench-password-1";
        String created = send("POST", "/6/accounts", admin, "application/json", ("{\"login\": \"" + login
                + "\", \"password\": \"" + password + "\", \"account_type\": \"user\"}").getBytes(), 201);
        account = field(created, "account_id");
        basic = "Basic " + b64(login + ":" + password);
        List<String> rows = new ArrayList<>();
        rows.add("| what | items | seconds | items/s | baseline (same run) | ratio | load avg |");
        rows.add("|---|---|---|---|---|---|---|");

        // ---------------------------------------------------------------- gc
        psql("INSERT INTO faces.face (face_id, account_id, user_data, create_time) SELECT gen_random_uuid(), '"
                + account + "', 'bench-gc', clock_timestamp() FROM generate_series(1, " + gcFaces + ")");
        psql("ANALYZE faces.face");
        long start = System.nanoTime();
        String gc = task("gc", "{\"content\": {\"target\": \"faces\", \"filters\": {\"user_data\": \"bench-gc\"}}}");
        double gcSeconds = (System.nanoTime() - start) / 1e9;
        String gcResult = send("GET", "/6/tasks/" + field(gc, "task_id") + "/result", basic, null, null, 200);
        check(field(gcResult, "deleted").equals(String.valueOf(gcFaces)), "gc deleted " + field(gcResult, "deleted"));
        rows.add(String.format("| gc (faces, %s subtasks) | %d | %.1f | %.0f | — | — | %s |", field(gc,
                "count_task_parts_all"), gcFaces, gcSeconds, gcFaces / gcSeconds, load()));
        System.out.println(rows.getLast());

        // ---------------------------------------------------------------- additional extraction
        List<String> samples = new ArrayList<>();
        List<byte[]> sampleBytes = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            String detected = send("POST", "/6/detector", basic, "image/jpeg",
                    Files.readAllBytes(photos.resolve("sample" + i + ".jpg")), 201);
            Matcher matcher = Pattern.compile("\"sample_id\":\"([^\"]+)\"").matcher(detected);
            while (matcher.find()) {
                samples.add(matcher.group(1));
                sampleBytes.add(bytes(imageStore + "/1/buckets/face-samples/images/" + matcher.group(1)));
            }
        }
        StringBuilder array = new StringBuilder("ARRAY[");
        for (int i = 0; i < samples.size(); i++) {
            array.append(i == 0 ? "" : ",").append('\'').append(samples.get(i)).append('\'');
        }
        array.append(']');
        for (String set : List.of("bench-warm", "bench-direct", "bench-ex")) {
            int count = set.equals("bench-warm") ? 300 : extractFaces;
            psql("INSERT INTO faces.face (face_id, account_id, user_data, create_time, sample_ids) SELECT "
                    + "gen_random_uuid(), '" + account + "', '" + set + "', clock_timestamp(), ARRAY[(" + array
                    + ")[1 + (i % " + samples.size() + ")]] FROM generate_series(1, " + count + ") i");
        }
        psql("ANALYZE faces.face");

        // Baseline 1: the bare extraction of the same samples (decode + descriptor), 2 threads, in this JVM.
        int bareItems = Math.min(extractFaces, 600);
        double[] bare = bareExtraction(sampleBytes, bareItems);
        // Warm-up of the platform's code paths (JIT) with a small task, not measured.
        task("additional_extract", "{\"content\": {\"filters\": {\"objects_type\": \"faces\", \"user_data\": "
                + "\"bench-warm\"}}}");
        // Baseline 2: the same work without the task engine: this JVM reads the faces, asks handlers for the
        // descriptors of 64 faces at a time and writes them to faces, on 2 threads (as 2 workers would).
        long cpuBefore = platformCpuMillis();
        long start2 = System.nanoTime();
        direct(psqlRows("SELECT face_id || ' ' || sample_ids[1] FROM faces.face WHERE user_data = 'bench-direct'"));
        double directSeconds = (System.nanoTime() - start2) / 1e9;
        double directCpuPerItem = (platformCpuMillis() - cpuBefore) / (double) extractFaces;
        cpuBefore = platformCpuMillis();
        start = System.nanoTime();
        String extract = task("additional_extract", "{\"content\": {\"options\": {\"missing\": 1}, \"filters\": "
                + "{\"objects_type\": \"faces\", \"user_data\": \"bench-ex\"}}}");
        double exSeconds = (System.nanoTime() - start) / 1e9;
        long cpuTask = platformCpuMillis() - cpuBefore;
        String exResult = send("GET", "/6/tasks/" + field(extract, "task_id") + "/result", basic, null, null, 200);
        check(field(exResult, "extracted_count").equals(String.valueOf(extractFaces)),
                "extracted " + field(exResult, "extracted_count"));
        double taskCpuPerItem = cpuTask / (double) extractFaces;
        rows.add(String.format("| additional_extract (faces, %s subtasks) | %d | %.1f | %.1f | the same calls without "
                + "the engine, 2 threads: %.1f/s; bare extraction, 2 threads: %.1f/s | %.2f; %.2f | %s |",
                field(extract, "count_task_parts_all"), extractFaces, exSeconds, extractFaces / exSeconds,
                extractFaces / directSeconds, bare[0], (extractFaces / exSeconds) / (extractFaces / directSeconds),
                (extractFaces / exSeconds) / bare[0], load()));
        System.out.println(rows.getLast());
        System.out.printf("CPU per face: the task %.1f ms of the platform JVM; the same calls without the engine "
                + "%.1f ms; the bare extraction %.1f ms -> ONNX work (decode + descriptor) is %.0f %% of the task's "
                + "CPU, the task engine's own share %.0f %% (PostgreSQL's CPU is not counted)%n", taskCpuPerItem,
                directCpuPerItem, bare[1], 100 * bare[1] / taskCpuPerItem,
                100 * (taskCpuPerItem - directCpuPerItem) / taskCpuPerItem);

        // ---------------------------------------------------------------- estimator
        String handler = field(send("POST", "/6/handlers", basic, "application/json",
                "{\"policies\": {\"extract_policy\": {\"extract_face_descriptor\": 1}}}".getBytes(), 201), "handler_id");
        List<byte[]> photoBytes = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            photoBytes.add(Files.readAllBytes(photos.resolve("sample" + i + ".jpg")));
        }
        int sequential = Math.min(estimatorImages, 60);
        start = System.nanoTime();
        for (int i = 0; i < sequential; i++) {
            send("POST", "/6/handlers/" + handler + "/events", basic, "image/jpeg", photoBytes.get(i % 6), 201);
        }
        double sequentialRate = sequential / ((System.nanoTime() - start) / 1e9);
        for (int i = 0; i < estimatorImages; i++) {
            internalPut("/1/buckets/images/images/bench-est-" + String.format("%05d", i), photoBytes.get(i % 6));
        }
        start = System.nanoTime();
        String estimator = task("estimator", "{\"content\": {\"handler_id\": \"" + handler + "\", \"source\": "
                + "{\"source_type\": \"image_store\", \"bucket\": \"images\", \"prefix\": \"bench-est-\"}}}");
        double estSeconds = (System.nanoTime() - start) / 1e9;
        String estResult = send("GET", "/6/tasks/" + field(estimator, "task_id") + "/result", basic, null, null, 200);
        check(field(estResult, "images_count").equals(String.valueOf(estimatorImages)),
                "estimated " + field(estResult, "images_count"));
        rows.add(String.format("| estimator (image_store prefix, %s subtasks of 16) | %d | %.1f | %.2f | "
                + "POST /6/handlers/{id}/events one by one (%d photos): %.2f/s | %.2f | %s |",
                field(estimator, "count_task_parts_all"), estimatorImages, estSeconds, estimatorImages / estSeconds,
                sequential, sequentialRate, (estimatorImages / estSeconds) / sequentialRate, load()));
        System.out.println(rows.getLast());
        System.out.println();
        rows.forEach(System.out::println);
    }

    /** Re-extraction of "face_id sample_id" rows in batches of 64 on 2 threads, straight to handlers and faces. */
    static void direct(List<String> rows) throws Exception {
        List<List<String>> batches = new ArrayList<>();
        for (int from = 0; from < rows.size(); from += 64) {
            batches.add(rows.subList(from, Math.min(rows.size(), from + 64)));
        }
        AtomicInteger next = new AtomicInteger();
        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                done.add(pool.submit(() -> {
                    int b;
                    while ((b = next.getAndIncrement()) < batches.size()) {
                        StringBuilder objects = new StringBuilder();
                        for (String row : batches.get(b)) {
                            String[] parts = row.split(" ");
                            objects.append(objects.isEmpty() ? "" : ",").append("{\"id\": \"").append(parts[0])
                                    .append("\", \"sample_ids\": [\"").append(parts[1]).append("\"]}");
                        }
                        String answer = internal(handlers + "/1/samples/descriptors",
                                "{\"descriptor_version\": 201, \"objects\": [" + objects + "]}");
                        StringBuilder writes = new StringBuilder();
                        Matcher item = Pattern.compile("\"id\":\"([^\"]+)\",\"version\":201,\"data\":\"([^\"]+)\"")
                                .matcher(answer);
                        while (item.find()) {
                            writes.append(writes.isEmpty() ? "" : ",").append("{\"face_id\": \"").append(item.group(1))
                                    .append("\", \"version\": 201, \"data\": \"").append(item.group(2)).append("\"}");
                        }
                        internal(faces + "/3/faces/descriptors", "{\"descriptors\": [" + writes + "]}");
                    }
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        }
    }

    static String internal(String url, String json) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .header("X-Selene-Internal-Secret", secret).header("X-Selene-Account-Id", account)
                .header("Content-Type", "application/json").timeout(Duration.ofMinutes(5))
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        check(response.statusCode() == 200, "POST " + url + " → " + response.statusCode() + " " + response.body());
        return response.body();
    }

    static List<String> psqlRows(String sql) throws Exception {
        Process process = new ProcessBuilder("psql", "-h", System.getenv().getOrDefault("SELENE_DB_HOST", "127.0.0.1"),
                "-U", System.getenv().getOrDefault("SELENE_DB_USER", "postgres"), "-d", db, "-qAt", "-c", sql).start();
        List<String> rows = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines()
                .filter(line -> !line.isBlank()).toList();
        check(process.waitFor() == 0, "psql failed: " + sql);
        return rows;
    }

    /** items/s and process CPU ms per item of decode + descriptor on 2 threads. */
    static double[] bareExtraction(List<byte[]> samples, int items) throws Exception {
        try (FaceEngine engine = new FaceEngine(VisionSettings.defaults(VisionSettings.modelsFromEnvironment()))) {
            for (int i = 0; i < 20; i++) {
                engine.fromSample(engine.decoder().decode(samples.get(i % samples.size())).image(), true, false);
            }
            var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long cpu = os.getProcessCpuTime();
            long start = System.nanoTime();
            AtomicInteger next = new AtomicInteger();
            try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < 2; t++) {
                    done.add(pool.submit(() -> {
                        int i;
                        while ((i = next.getAndIncrement()) < items) {
                            engine.fromSample(engine.decoder().decode(samples.get(i % samples.size())).image(), true,
                                    false);
                        }
                        return null;
                    }));
                }
                for (Future<?> future : done) {
                    future.get();
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            return new double[] {items / seconds, (os.getProcessCpuTime() - cpu) / 1e6 / items};
        }
    }

    /** Creates a task and waits for it to be done; the task's final view. */
    static String task(String type, String body) throws Exception {
        String created = send("POST", "/6/tasks/" + type, basic, "application/json", body.getBytes(), 201);
        String id = field(created, "task_id");
        while (true) {
            String view = send("GET", "/6/tasks/" + id, basic, null, null, 200);
            String status = field(view, "task_status");
            if (status.equals("5")) {
                return view;
            }
            check(!status.equals("2") && !status.equals("3"), type + " task ended with status " + status + ": "
                    + send("GET", "/6/tasks/" + id + "/errors", basic, null, null, 200));
            Thread.sleep(200);
        }
    }

    static long platformCpuMillis() throws Exception {
        String[] stat = Files.readString(Path.of("/proc/" + platformPid + "/stat")).split("\\) ", 2)[1].split(" ");
        long ticks = Long.parseLong(stat[11]) + Long.parseLong(stat[12]);
        return ticks * 1000 / 100; // USER_HZ is 100 on Linux
    }

    static void psql(String sql) throws Exception {
        Process process = new ProcessBuilder("psql", "-h", System.getenv().getOrDefault("SELENE_DB_HOST", "127.0.0.1"),
                "-U", System.getenv().getOrDefault("SELENE_DB_USER", "postgres"), "-d", db, "-v", "ON_ERROR_STOP=1",
                "-qAt", "-c", sql).inheritIO().start();
        check(process.waitFor() == 0, "psql failed: " + sql);
    }

    static String send(String method, String path, String auth, String type, byte[] body, int expected)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api + path)).timeout(Duration.ofMinutes(5))
                .header("Authorization", auth);
        if (type != null) {
            request.header("Content-Type", type);
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body));
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        check(response.statusCode() == expected, method + " " + path + " → " + response.statusCode() + " "
                + response.body());
        return response.body();
    }

    static byte[] bytes(String url) throws Exception {
        HttpResponse<byte[]> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .header("X-Selene-Internal-Secret", secret).header("X-Selene-Account-Id", account).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        check(response.statusCode() == 200, "GET " + url + " → " + response.statusCode());
        return response.body();
    }

    static void internalPut(String path, byte[] body) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(imageStore + path))
                .header("X-Selene-Internal-Secret", secret).header("X-Selene-Account-Id", account)
                .header("Content-Type", "image/jpeg").PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        check(response.statusCode() == 201, "PUT " + path + " → " + response.statusCode() + " " + response.body());
    }

    static String field(String json, String name) {
        Matcher matcher = Pattern.compile("\"" + name + "\":\\s*(\"([^\"]*)\"|(-?[0-9.]+))").matcher(json);
        check(matcher.find(), "no " + name + " in " + json);
        return matcher.group(2) != null ? matcher.group(2) : matcher.group(3);
    }

    static String load() throws Exception {
        return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    }

    static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    static void check(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }
}
