import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.UUID;

/**
 * Reads every descriptor of an account from faces-service through HTTP, page after page by key,
 * and prints count, bytes and time. Usage: java BulkRead.java <base-url> <secret> <account> [limit] [frames|json]
 */
public class BulkRead {
    public static void main(String[] args) throws Exception {
        String base = args[0];
        String secret = args[1];
        String account = args[2];
        int limit = args.length > 3 ? Integer.parseInt(args[3]) : 10000;
        boolean json = args.length > 4 && args[4].equals("json");
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        long start = System.nanoTime();
        long count = 0;
        long bytes = 0;
        int pages = 0;
        String after = null;
        long previous = 0;
        while (true) {
            String url = base + "/3/faces/descriptors?account_id=" + account + "&limit=" + limit
                    + (after == null ? "" : "&after_key=" + after.split(",")[0] + "&after_version=" + after.split(",")[1]);
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(2))
                    .header("X-Selene-Internal-Secret", secret).header("X-Selene-Account-Id", account)
                    .header("Accept", json ? "application/json" : "application/octet-stream").GET().build();
            HttpResponse<byte[]> page = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (page.statusCode() != 200) {
                throw new IllegalStateException("HTTP " + page.statusCode() + ": " + new String(page.body()));
            }
            pages++;
            bytes += page.body().length;
            if (json) {
                String body = new String(page.body());
                int n = 0;
                for (int at = body.indexOf("\"face_id\""); at >= 0; at = body.indexOf("\"face_id\"", at + 1)) {
                    n++;
                }
                int next = body.indexOf("\"next\":{");
                if (next >= 0) {
                    String tail = body.substring(next);
                    String face = tail.replaceAll("(?s).*\"after_key\":(\\d+).*", "$1");
                    String version = tail.replaceAll("(?s).*\"after_version\":(\\d+).*", "$1");
                    after = face + "," + version;
                } else {
                    after = null;
                }
                count += n;
            } else {
                ByteBuffer frames = ByteBuffer.wrap(page.body());
                int n = 0;
                String lastKey = null;
                while (true) {
                    long key = frames.getLong();
                    new UUID(frames.getLong(), frames.getLong());
                    int version = frames.getInt();
                    int length = frames.getInt();
                    if (version == 0) {
                        break; // end frame
                    }
                    frames.position(frames.position() + length);
                    if (key <= previous) {
                        throw new IllegalStateException("out of key order: " + previous + " then " + key);
                    }
                    previous = key;
                    lastKey = key + "," + version;
                    n++;
                }
                count += n;
                after = n == limit ? lastKey : null;
            }
            if (after == null) {
                break;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("mode=%s limit=%d pages=%d descriptors=%d bytes=%d seconds=%.1f descriptors_per_s=%.0f MB_per_s=%.1f%n",
                json ? "json" : "frames", limit, pages, count, bytes, seconds, count / seconds, bytes / seconds / 1e6);
    }
}
