package io.selene.imagestore;

import static io.selene.testsupport.ServiceConventionsTest.assertLunaError;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.UUID;

import io.selene.testsupport.HttpProbe;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** With the S3 server gone, nothing is acknowledged: writes and reads answer 500 (13014), the healthcheck 502. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class S3UnreachableTest {

    @Value("${local.server.port}")
    int port;

    @DynamicPropertySource
    static void deadEndpoint(DynamicPropertyRegistry registry) throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        registry.add("selene.image-store.backend", () -> "s3");
        registry.add("selene.image-store.s3.endpoint", () -> "http://127.0.0.1:" + closedPort);
    }

    @Test
    void storageFailureIsNeverASuccess() throws IOException {
        HttpProbe.Answer health = HttpProbe.onPort(port).get("/healthcheck");
        assertThat(health.status()).as(health.toString()).isEqualTo(502);
        assertThat(health.text()).contains("s3-storage");

        HttpProbe probe = HttpProbe.internal(port, UUID.randomUUID());
        HttpProbe.Answer write = probe.post("/1/buckets/images/images", "image/jpeg",
                AbstractImageStoreTest.jpeg(8, 8));
        assertThat(write.status()).as(write.toString()).isEqualTo(500);
        assertLunaError(write, 13014);
        assertLunaError(probe.get("/1/buckets/images/images/" + UUID.randomUUID()), 13014);
    }
}
