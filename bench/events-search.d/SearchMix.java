import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Runs the search mix of bench/events-search: lines "kind\tquery" against GET /2/events, shuffled
 * with a fixed seed, one at a time (latency, not throughput); first a warm-up pass over the whole
 * mix, then the measured pass. Prints p50/p99/max per kind and overall, and the largest answer.
 */
public class SearchMix {
    public static void main(String[] args) throws Exception {
        String base = args[0];
        String secret = args[1];
        String account = args[2];
        List<String[]> mix = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(args[3]))) {
            String[] parts = line.split("\t", 2);
            if (parts.length == 2) {
                mix.add(parts);
            }
        }
        Collections.shuffle(mix, new Random(7));
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        for (String[] query : mix) { // warm-up: JIT, plans, shared buffers
            call(client, base, secret, account, query[1]);
        }
        Map<String, List<Double>> times = new LinkedHashMap<>();
        List<Double> all = new ArrayList<>();
        Map<String, Integer> found = new LinkedHashMap<>();
        for (String[] query : mix) {
            long start = System.nanoTime();
            int count = call(client, base, secret, account, query[1]);
            double ms = (System.nanoTime() - start) / 1e6;
            times.computeIfAbsent(query[0], k -> new ArrayList<>()).add(ms);
            found.merge(query[0], count, Integer::sum);
            all.add(ms);
        }
        System.out.printf("%-22s %6s %8s %8s %8s %10s%n", "kind", "n", "p50 ms", "p99 ms", "max ms", "avg found");
        times.forEach((kind, list) -> print(kind, list, found.get(kind) / (double) list.size()));
        print("ALL", all, -1);
    }

    static int call(HttpClient client, String base, String secret, String account, String query) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/2/events" + query))
                .header("X-Selene-Internal-Secret", secret).header("X-Selene-Account-Id", account).GET().build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(query + " → " + response.statusCode() + " " + response.body());
        }
        int count = 0;
        int at = 0;
        String body = response.body();
        while ((at = body.indexOf("\"url\":\"/6/events/", at)) >= 0) {
            count++;
            at++;
        }
        return count;
    }

    static void print(String kind, List<Double> list, double found) {
        List<Double> sorted = new ArrayList<>(list);
        Collections.sort(sorted);
        System.out.printf("%-22s %6d %8.1f %8.1f %8.1f %10s%n", kind, sorted.size(), percentile(sorted, 50),
                percentile(sorted, 99), sorted.getLast(), found < 0 ? "" : String.format("%.1f", found));
    }

    static double percentile(List<Double> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }
}
