import java.io.BufferedInputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.selene.commons.descriptor.DescriptorCodec;
import io.selene.commons.descriptor.DescriptorFrames;
import io.selene.matcher.Vectors;
import io.selene.matcher.index.DescriptorMatrix;
import io.selene.matcher.index.Scanner;
import io.selene.matcher.index.TopK;

/**
 * End-to-end matcher benchmark (bench/matcher-e2e; not a test). Reads the list's descriptors from
 * faces-service (the bulk read the matcher itself uses) into an in-process gallery, then alternates
 * one {@code POST /6/matcher/faces} through the gateway with one in-process {@code Scanner.exact}
 * of the same reference on the same gallery and the same path as the service (int8 + exact re-rank
 * from {@code quantised-from} faces, else exact; two scan threads, as the service on this machine),
 * and prints p50/p99 of both and their ratio. Also checks that both return the same best faces.
 *
 *   java -Dquantised-from=100000 -Dquantised-candidates=200 E2e <api-url> <login> <password> <list-id>
 *       <faces-url> <internal-secret> <account-id> <requests>
 */
public final class E2e {

    private static final int D = 512;
    private static final int LIMIT = 10;

    public static void main(String[] args) throws Exception {
        String api = args[0];
        String basic = "Basic " + Base64.getEncoder().encodeToString((args[1] + ":" + args[2]).getBytes(StandardCharsets.UTF_8));
        UUID list = UUID.fromString(args[3]);
        String faces = args[4];
        String secret = args[5];
        String account = args[6];
        int requests = Integer.parseInt(args[7]);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

        long loadStart = System.nanoTime();
        DescriptorMatrix matrix = new DescriptorMatrix(D, 254f);
        long afterKey = 0;
        int afterVersion = 0;
        while (true) {
            String uri = faces + "/3/faces/descriptors?list_id=" + list + "&version=201&limit=10000"
                    + (afterKey > 0 ? "&after_key=" + afterKey + "&after_version=" + afterVersion : "");
            HttpRequest request = HttpRequest.newBuilder(URI.create(uri)).header("Accept", "application/octet-stream")
                    .header("X-Selene-Internal-Secret", secret).header("X-Selene-Account-Id", account)
                    .header("X-Selene-Visibility", "all").GET().build();
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("bulk read: HTTP " + response.statusCode() + " "
                        + new String(response.body().readAllBytes(), StandardCharsets.UTF_8));
            }
            int count = 0;
            try (DescriptorFrames.Reader frames = DescriptorFrames.reader(new BufferedInputStream(response.body(), 1 << 16))) {
                DescriptorFrames.Frame frame;
                while ((frame = frames.next()) != null) {
                    count++;
                    afterKey = frame.key();
                    afterVersion = frame.version();
                    matrix.put(frame.id(), Vectors.unit(DescriptorCodec.decodeRaw(frame.data(), frame.version()).values()));
                }
            }
            if (count < 10000) {
                break;
            }
        }
        System.out.printf("in-process gallery: %,d faces read from faces-service in %.1f s%n", matrix.size(),
                (System.nanoTime() - loadStart) / 1e9);

        // References: half near a gallery face (a real match at the top), half random.
        Random random = new Random(7);
        float[][] references = new float[64][];
        for (int q = 0; q < references.length; q++) {
            float[] noise = unit(random);
            float[] base = q % 2 == 0 ? matrix.row(random.nextInt(matrix.size())) : unit(random);
            float[] v = new float[D];
            for (int i = 0; i < D; i++) {
                v[i] = 0.8f * base[i] + 0.6f * noise[i];
            }
            references[q] = Vectors.unit(v);
        }

        int quantisedFrom = Integer.getInteger("quantised-from", 100_000);
        int candidates = Math.max(Integer.getInteger("quantised-candidates", 200), 2 * LIMIT);
        boolean quantised = matrix.size() >= quantisedFrom;
        System.out.printf("service path for this list: %s%n", quantised ? "int8 + exact re-rank of " + candidates
                + " candidates (quantised-from " + quantisedFrom + ")" : "exact fp32");
        int threads = Runtime.getRuntime().availableProcessors();
        ExecutorService workers = Executors.newFixedThreadPool(threads);
        Scanner scanner = new Scanner(workers, threads);
        List<Double> httpMs = new ArrayList<>();
        List<Double> scanMs = new ArrayList<>();
        List<Double> exactMs = new ArrayList<>();
        List<Double> directMs = new ArrayList<>();
        List<Double> directSkipMs = new ArrayList<>();
        String matcher = System.getProperty("matcher-url");
        int agree = 0;
        int warmup = 10;
        for (int r = 0; r < warmup + requests; r++) {
            float[] reference = references[r % references.length];
            long t0 = System.nanoTime();
            String body = post(http, api, basic, list, reference);
            long t1 = System.nanoTime();
            if (matcher != null) {
                // The matcher's own route, without the gateway: where the end-to-end time goes.
                // With the read-your-writes wait (as every client gets) and without it (internal header), in
                // alternating order so drift of the machine's load hits both alike.
                boolean skipFirst = r % 2 == 1;
                for (int k = 0; k < 2; k++) {
                    boolean skip = skipFirst == (k == 0);
                    long d0 = System.nanoTime();
                    postInternal(http, matcher, secret, account, list, reference, skip);
                    if (r >= warmup) {
                        (skip ? directSkipMs : directMs).add((System.nanoTime() - d0) / 1e6);
                    }
                }
            }
            // the scan is timed from here: the direct request above is not part of either figure
            long s0 = System.nanoTime();
            TopK.Hit[] hits = quantised
                    ? scanner.quantised(matrix, new float[][] {reference}, LIMIT, -1f, candidates)[0]
                    : scanner.exact(matrix, new float[][] {reference}, LIMIT, -1f)[0];
            long t2 = System.nanoTime();
            scanner.exact(matrix, new float[][] {reference}, LIMIT, -1f);
            long t3 = System.nanoTime();
            if (r >= warmup) {
                httpMs.add((t1 - t0) / 1e6);
                scanMs.add((t2 - s0) / 1e6);
                exactMs.add((t3 - t2) / 1e6);
                // The service's best face must be the in-process scan's best face.
                if (body.contains(matrix.id(hits[0].row()).toString())) {
                    agree++;
                }
            }
        }
        workers.shutdownNow();
        int accountWide = Integer.getInteger("account-wide-requests", 0);
        List<Double> accountMs = new ArrayList<>();
        List<Double> accountScanMs = new ArrayList<>();
        double firstAccountMs = 0;
        double accountReadyS = 0;
        String matcherLog = System.getProperty("matcher-log");
        if (accountWide > 0) {
            // The first whole-account match streams the account from Faces and asks for its gallery; the
            // matcher logs "account <id> gallery ready" once it has loaded and caught up.
            // straight to the matcher: streaming a large account can outlast the gateway's read timeout
            long a0 = System.nanoTime();
            postInternal(http, matcher, secret, account, null, references[0], false);
            firstAccountMs = (System.nanoTime() - a0) / 1e6;
            long deadline = System.nanoTime() + 900_000_000_000L;
            while (matcherLog != null && !java.nio.file.Files.readString(java.nio.file.Path.of(matcherLog))
                    .contains("account " + account + " gallery ready")) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("account gallery not ready after 900 s");
                }
                Thread.sleep(200);
            }
            accountReadyS = (System.nanoTime() - a0) / 1e9;
        }
        ExecutorService accountWorkers = Executors.newFixedThreadPool(threads);
        Scanner accountScanner = new Scanner(accountWorkers, threads);
        int accountAgree = 0;
        for (int r = 0; r < accountWide + (accountWide > 0 ? warmup : 0); r++) {
            float[] reference = references[r % references.length];
            long a0 = System.nanoTime();
            String body = post(http, api, basic, null, reference);
            long a1 = System.nanoTime();
            TopK.Hit[] hits = quantised
                    ? accountScanner.quantised(matrix, new float[][] {reference}, LIMIT, -1f, candidates)[0]
                    : accountScanner.exact(matrix, new float[][] {reference}, LIMIT, -1f)[0];
            long a2 = System.nanoTime();
            if (!body.contains("similarity")) {
                throw new IllegalStateException("account-wide match without candidates: " + body);
            }
            if (r >= warmup) {
                accountMs.add((a1 - a0) / 1e6);
                accountScanMs.add((a2 - a1) / 1e6);
                if (body.contains(matrix.id(hits[0].row()).toString())) {
                    accountAgree++;
                }
            }
        }
        accountWorkers.shutdownNow();
        // Read your writes with writes: a face created in a small list (201), then matched at once.
        int pairs = Integer.getInteger("ryw-pairs", 0);
        List<Double> pairMs = new ArrayList<>();
        int pairsFound = 0;
        if (pairs > 0 && matcher != null) {
            UUID side = UUID.fromString(internal(http, faces + "/3/lists", secret, account,
                    "{\"user_data\":\"ryw-pairs\"}").replaceAll(".*\"list_id\" *: *\"([0-9a-f-]+)\".*", "$1"));
            for (int p = 0; p < pairs; p++) {
                float[] v = unit(random);
                String created = internal(http, faces + "/3/faces", secret, account, "{\"descriptors\":[{\"version\":201,"
                        + "\"data\":\"" + rawBase64(v) + "\"}],\"lists\":[\"" + side + "\"]}");
                String face = created.replaceAll(".*\"face_id\" *: *\"([0-9a-f-]+)\".*", "$1");
                long p0 = System.nanoTime();
                String body = postInternal(http, matcher, secret, account, side, v, false);
                pairMs.add((System.nanoTime() - p0) / 1e6);
                if (body.contains(face)) {
                    pairsFound++;
                }
            }
        }
        double httpP50 = percentile(httpMs, 50);
        double scanP50 = percentile(scanMs, 50);
        System.out.printf("POST /6/matcher/faces (1 reference, list of %,d, limit %d, via api-service): p50 %.2f ms, p99 %.2f ms%n",
                matrix.size(), LIMIT, httpP50, percentile(httpMs, 99));
        if (!directMs.isEmpty()) {
            System.out.printf("POST /1/matcher/faces straight to matcher-service (no gateway), with the read-your-writes"
                    + " wait: p50 %.2f ms, p99 %.2f ms%n", percentile(directMs, 50), percentile(directMs, 99));
            System.out.printf("  the same without the wait (X-Selene-Read-Your-Writes: skip), alternated: p50 %.2f ms,"
                    + " p99 %.2f ms; added by the wait (p50): %.2f ms (goal <= 2 ms: %s)%n", percentile(directSkipMs, 50),
                    percentile(directSkipMs, 99), percentile(directMs, 50) - percentile(directSkipMs, 50),
                    percentile(directMs, 50) - percentile(directSkipMs, 50) <= 2 ? "MET" : "NOT MET");
        }
        System.out.printf("in-process Scanner.%s, same gallery and references (%d threads): p50 %.2f ms, p99 %.2f ms%n",
                quantised ? "quantised" : "exact", threads, scanP50, percentile(scanMs, 99));
        System.out.printf("(for reference, in-process Scanner.exact: p50 %.2f ms, p99 %.2f ms)%n", percentile(exactMs, 50),
                percentile(exactMs, 99));
        System.out.printf("same best face in %d of %d requests%n", agree, requests);
        if (!accountMs.isEmpty()) {
            double accountP50 = percentile(accountMs, 50);
            double accountScanP50 = percentile(accountScanMs, 50);
            System.out.printf("whole account (no list_id, %,d faces): first match (streamed from Faces) %.0f ms; gallery"
                    + " loaded and ready %.1f s after it%n", matrix.size(), firstAccountMs, accountReadyS);
            System.out.printf("POST /6/matcher/faces against the whole account from its gallery, %d requests: p50 %.2f ms,"
                    + " p99 %.2f ms; in-process scan of the same gallery, alternated: p50 %.2f ms; ratio %.2f (goal <= 1.5:"
                    + " %s); same best face in %d of %d%n", accountMs.size(), accountP50, percentile(accountMs, 99),
                    accountScanP50, accountP50 / accountScanP50, accountP50 / accountScanP50 <= 1.5 ? "MET" : "NOT MET",
                    accountAgree, accountMs.size());
        }
        if (!pairMs.isEmpty()) {
            System.out.printf("create (201) then match at once, %d pairs: found %d; match p50 %.2f ms, p99 %.2f ms%n",
                    pairMs.size(), pairsFound, percentile(pairMs, 50), percentile(pairMs, 99));
        }
        System.out.printf("ratio end-to-end / in-process scan (p50): %.2f  (goal <= 1.5: %s)%n", httpP50 / scanP50,
                httpP50 / scanP50 <= 1.5 ? "MET" : "NOT MET");
        System.out.printf("e2e_http_p50_ms=%.3f%ne2e_http_p99_ms=%.3f%ne2e_scan_p50_ms=%.3f%ne2e_scan_p99_ms=%.3f%n", httpP50,
                percentile(httpMs, 99), scanP50, percentile(scanMs, 99));
        matrix.close();
    }

    private static String postInternal(HttpClient http, String matcher, String secret, String account, UUID list,
            float[] reference, boolean skipWait) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(matcher + "/1/matcher/faces"))
                .header("X-Selene-Internal-Secret", secret).header("X-Selene-Account-Id", account)
                .header("X-Selene-Read-Your-Writes", skipWait ? "skip" : "wait")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json(list, reference)))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("POST /1/matcher/faces: HTTP " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    private static String post(HttpClient http, String api, String basic, UUID list, float[] reference) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(api + "/6/matcher/faces")).header("Authorization", basic)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json(list, reference)))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("POST /6/matcher/faces: HTTP " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    /** One reference against the list ({@code list} given) or the whole account ({@code null}: streamed from Faces). */
    private static String json(UUID list, float[] reference) {
        ByteBuffer raw = ByteBuffer.allocate(D * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (float value : reference) {
            raw.putFloat(value);
        }
        return "{\"references\":[{\"type\":\"raw_descriptor\",\"id\":\"r1\",\"descriptor_version\":201,\"data\":\""
                + Base64.getEncoder().encodeToString(raw.array()) + "\"}],\"candidates\":[{\"filters\":{\"origin\":\"faces\""
                + (list == null ? "" : ",\"list_id\":\"" + list + "\"") + "},\"limit\":" + LIMIT
                + ",\"targets\":[\"face_id\",\"similarity\"]}]}";
    }

    /** POST to an internal route of faces-service as the account; the answer's body (201 expected). */
    private static String internal(HttpClient http, String url, String secret, String account, String json)
            throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("X-Selene-Internal-Secret", secret)
                .header("X-Selene-Account-Id", account).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("POST " + url + ": HTTP " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    private static String rawBase64(float[] v) {
        ByteBuffer raw = ByteBuffer.allocate(D * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (float value : v) {
            raw.putFloat(value);
        }
        return Base64.getEncoder().encodeToString(raw.array());
    }

    private static double percentile(List<Double> values, int p) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    private static float[] unit(Random random) {
        float[] v = new float[D];
        for (int i = 0; i < D; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return Vectors.unit(v);
    }
}
