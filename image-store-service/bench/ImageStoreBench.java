import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Image Store throughput: PUT then GET then DELETE {@code count} images of {@code size} bytes with
 * {@code clients} concurrent callers, through HTTP as another service calls it. Prints requests/s
 * and latency percentiles per operation. Bounded: exactly count requests per phase, loopback only.
 *   java ImageStoreBench.java <base-url> <secret> <count> <size-bytes> <clients>
 */
public class ImageStoreBench {

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String secret = args[1];
        int count = Integer.parseInt(args[2]);
        int size = Integer.parseInt(args[3]);
        int clients = Integer.parseInt(args[4]);
        String account = UUID.randomUUID().toString();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        byte[] body = new byte[size];
        new Random(42).nextBytes(body);
        body[0] = (byte) 0xff;
        body[1] = (byte) 0xd8;
        body[2] = (byte) 0xff;
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(UUID.randomUUID().toString());
        }
        // Warm-up outside the figures (JIT, connection pool).
        run("warm-up", http, Math.min(200, count), clients, i -> put(base, secret, account, "warm-" + i, body), false);
        run("PUT", http, count, clients, i -> put(base, secret, account, ids.get(i), body), true);
        run("GET", http, count, clients, i -> request(base + "/1/buckets/images/images/" + ids.get(i), secret, account)
                .GET().build(), true);
        run("DELETE", http, count, clients, i -> request(base + "/1/buckets/images/images/" + ids.get(i), secret,
                account).DELETE().build(), true);
    }

    interface RequestFor {
        HttpRequest make(int index);
    }

    static HttpRequest put(String base, String secret, String account, String id, byte[] body) {
        return request(base + "/1/buckets/images/images/" + id, secret, account)
                .header("Content-Type", "image/jpeg").PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    }

    static HttpRequest.Builder request(String url, String secret, String account) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("X-Selene-Internal-Secret", secret).header("X-Selene-Account-Id", account);
    }

    static void run(String name, HttpClient http, int count, int clients, RequestFor requests, boolean print)
            throws Exception {
        long[] latencies = new long[count];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        long started = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
            List<Future<?>> workers = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                workers.add(pool.submit(() -> {
                    int i;
                    while ((i = next.getAndIncrement()) < count) {
                        long t0 = System.nanoTime();
                        HttpResponse<byte[]> response = http.send(requests.make(i), HttpResponse.BodyHandlers.ofByteArray());
                        latencies[i] = System.nanoTime() - t0;
                        if (response.statusCode() >= 300) {
                            failures.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        if (!print) {
            return;
        }
        Arrays.sort(latencies);
        System.out.printf("%-6s %6d requests in %6.2f s = %7.0f req/s; latency ms p50 %.1f p95 %.1f p99 %.1f; failures %d%n",
                name, count, seconds, count / seconds, latencies[count / 2] / 1e6, latencies[(int) (count * 0.95)] / 1e6,
                latencies[(int) (count * 0.99)] / 1e6, failures.get());
        if (failures.get() > 0) {
            throw new IllegalStateException(name + ": " + failures.get() + " requests failed");
        }
    }
}
