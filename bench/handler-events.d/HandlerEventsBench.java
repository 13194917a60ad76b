import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Handler events benchmark (bench/handler-events; not a test), through the /6 gateway with Basic auth:
 * one handler (descriptor + basic attributes extracted, face samples and events stored: LUNA's
 * defaults plus extraction), one fixed photo posted to {@code /6/handlers/{id}/events} at
 * concurrency 1, 4 and 16 → requests/s, events/s, p50/p99; then {@code /events/raw} in batches of
 * 100 events at concurrency 1 and 4 → events stored/s, p50/p99 per batch. Every answer must be 201.
 *
 *   java HandlerEventsBench.java <api-url> <login> <password> <photo> <requests per thread>
 */
public final class HandlerEventsBench {

    private static final Pattern ID = Pattern.compile("\"handler_id\"\\s*:\\s*\"([0-9a-f-]{36})\"");
    private static final Pattern EVENT = Pattern.compile("\"event_id\"");

    public static void main(String[] args) throws Exception {
        String api = args[0];
        String auth = "Basic " + Base64.getEncoder().encodeToString((args[1] + ":" + args[2])
                .getBytes(StandardCharsets.UTF_8));
        byte[] photo = Files.readAllBytes(Path.of(args[3]));
        int perThread = Integer.parseInt(args[4]);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

        String created = send(http, HttpRequest.newBuilder(URI.create(api + "/6/handlers"))
                .header("Authorization", auth).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"description\":\"bench\",\"policies\":{"
                        + "\"extract_policy\":{\"extract_face_descriptor\":1,\"extract_basic_attributes\":1}}}"))
                .build());
        Matcher m = ID.matcher(created);
        if (!m.find()) {
            throw new IllegalStateException("no handler: " + created);
        }
        String handler = m.group(1);
        System.out.printf("handler %s, photo %s (%d bytes)%n", handler, Path.of(args[3]).getFileName(), photo.length);

        HttpRequest generate = HttpRequest.newBuilder(URI.create(api + "/6/handlers/" + handler + "/events"))
                .header("Authorization", auth).header("Content-Type", "image/jpeg")
                .timeout(Duration.ofMinutes(5))
                .POST(HttpRequest.BodyPublishers.ofByteArray(photo)).build();
        // warm-up: JIT, connection pools, ONNX sessions
        for (int i = 0; i < 5; i++) {
            send(http, generate);
        }
        System.out.println("POST /6/handlers/{id}/events (raw JPEG body)");
        System.out.println("concurrency | requests | events | requests/s | events/s | p50 ms | p99 ms | load avg");
        for (int concurrency : new int[] {1, 4, 16}) {
            run(http, concurrency, perThread, () -> generate);
        }

        StringBuilder batch = new StringBuilder("{\"events\":[");
        for (int i = 0; i < 100; i++) {
            batch.append(i == 0 ? "" : ",").append("{\"source\":\"bench-raw\",\"tags\":[\"raw\"],\"external_id\":\"e")
                    .append(i).append("\",\"face_attributes\":{\"basic_attributes\":{\"age\":").append(20 + i % 50)
                    .append(",\"gender\":").append(i % 2).append("}},\"detections\":[{\"filename\":\"cam.jpg\","
                    + "\"samples\":{\"face\":{\"detection\":{\"rect\":{\"x\":10,\"y\":20,\"width\":100,"
                    + "\"height\":100},\"score\":0.99}}}}]}");
        }
        String rawBody = batch.append("]}").toString();
        HttpRequest raw = HttpRequest.newBuilder(URI.create(api + "/6/handlers/" + handler + "/events/raw"))
                .header("Authorization", auth).header("Content-Type", "application/json")
                .timeout(Duration.ofMinutes(5))
                .POST(HttpRequest.BodyPublishers.ofString(rawBody)).build();
        for (int i = 0; i < 3; i++) {
            send(http, raw);
        }
        System.out.println("POST /6/handlers/{id}/events/raw (100 events per request)");
        System.out.println("concurrency | requests | events | requests/s | events/s | p50 ms | p99 ms | load avg");
        for (int concurrency : new int[] {1, 4}) {
            run(http, concurrency, perThread * 2, () -> raw);
        }
    }

    private static void run(HttpClient http, int concurrency, int perThread,
            java.util.function.Supplier<HttpRequest> request) throws Exception {
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger events = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        long started = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < concurrency; t++) {
            futures.add(pool.submit(() -> {
                for (int i = 0; i < perThread; i++) {
                    long begin = System.nanoTime();
                    String body = send(http, request.get());
                    latencies.add(System.nanoTime() - begin);
                    Matcher found = EVENT.matcher(body);
                    int n = 0;
                    while (found.find()) {
                        n++;
                    }
                    events.addAndGet(n);
                }
                return null;
            }));
        }
        for (Future<?> future : futures) {
            future.get();
        }
        pool.shutdown();
        double seconds = (System.nanoTime() - started) / 1e9;
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        String load = Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        System.out.printf("%11d | %8d | %6d | %10.2f | %8.1f | %6.0f | %6.0f | %s%n", concurrency, sorted.size(),
                events.get(), sorted.size() / seconds, events.get() / seconds, percentile(sorted, 0.50) / 1e6,
                percentile(sorted, 0.99) / 1e6, load);
    }

    private static double percentile(List<Long> sorted, double p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }

    private static String send(HttpClient http, HttpRequest request) {
        try {
            HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 201) {
                throw new IllegalStateException(request.uri() + " answered " + answer.statusCode() + ": "
                        + answer.body());
            }
            return answer.body();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static {
        // printed once, so the output says when it ran
        System.out.println("bench started " + Instant.now());
    }
}
