package io.selene.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A real S3-compatible server for the tests: S3Proxy (filesystem back-end) started as a separate
 * {@code java -jar} process on a loopback port with a temporary data folder, stopped and deleted by
 * {@link #close()}. The jar is copied into the module's {@code target/s3proxy/} by maven-dependency-plugin
 * at generate-test-resources (image-store-service and platform-launcher do), and surefire names it in
 * {@code selene.s3proxy.jar}.
 */
public final class S3ProxyServer implements AutoCloseable {

    public static final String ACCESS_KEY = "selene-test";
    public static final String SECRET_KEY = "selene-test-secret";

    private final Process process;
    private final int port;
    private final Path dir;

    private S3ProxyServer(Process process, int port, Path dir) {
        this.process = process;
        this.port = port;
        this.dir = dir;
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    public Path dataDir() {
        return dir.resolve("data");
    }

    /** Starts S3Proxy on a free loopback port. */
    public static S3ProxyServer start() {
        return start(ServerProcesses.freePort());
    }

    /** Starts S3Proxy on this loopback port (e.g. one a platform was told to allow before it started). */
    public static S3ProxyServer start(int port) {
        Path jar = Path.of(System.getProperty("selene.s3proxy.jar", "target/s3proxy/s3proxy.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("S3Proxy jar not found at " + jar.toAbsolutePath()
                    + ": run the build through Maven (generate-test-resources copies it)");
        }
        try {
            Path dir = Files.createTempDirectory("selene-s3proxy-");
            Files.createDirectories(dir.resolve("data"));
            Path config = dir.resolve("s3proxy.conf");
            Files.writeString(config, String.join("\n",
                    "s3proxy.endpoint=http://127.0.0.1:" + port,
                    "s3proxy.authorization=aws-v2-or-v4",
                    "s3proxy.identity=" + ACCESS_KEY,
                    "s3proxy.credential=" + SECRET_KEY,
                    "jclouds.provider=filesystem",
                    "jclouds.filesystem.basedir=" + dir.resolve("data")), StandardCharsets.UTF_8);
            Path log = jar.getParent().resolve("s3proxy-test-" + port + ".log");
            Process process = new ProcessBuilder(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m", "-jar", jar.toAbsolutePath().toString(), "--properties", config.toString()))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            S3ProxyServer server = new S3ProxyServer(process, port, dir);
            server.awaitPort(Duration.ofSeconds(90), log);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start S3Proxy", e);
        }
    }

    private void awaitPort(Duration timeout, Path log) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("S3Proxy exited with " + process.exitValue() + ": " + tail(log));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException notYet) {
                ServerProcesses.sleep(200);
            }
        }
        close();
        throw new IllegalStateException("S3Proxy did not open port " + port + " within " + timeout + ": " + tail(log));
    }

    @Override
    public void close() {
        ServerProcesses.stop(process, dir);
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }
}
