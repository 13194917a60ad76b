package io.selene.sender.subscriptions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import io.selene.testsupport.TestInfrastructure;
import io.selene.testsupport.WebSocketProbe;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;

/** {@code selene.sender.max-subscribers}: one more handshake is refused with 503 until a slot is free. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "selene.sender.max-subscribers=2")
class SubscriberLimitTest {

    @Value("${local.server.port}")
    int port;
    @Autowired
    SubscriberRegistry registry;

    @Test
    void handshakesBeyondTheLimitAreRefusedUntilASubscriberLeaves() throws Exception {
        String url = "ws://127.0.0.1:" + port + "/1/ws";
        String[] headers = {"X-Selene-Internal-Secret", TestInfrastructure.get().internalSecret(),
                "X-Selene-Account-Id", UUID.randomUUID().toString()};
        WebSocketProbe first = WebSocketProbe.open(url, true, headers);
        WebSocketProbe second = WebSocketProbe.open(url, true, headers);

        WebSocketProbe.Refusal third = WebSocketProbe.refusal(url, headers);
        assertThat(third.status()).isEqualTo(503);
        assertThat(third.body().get("error_code").asInt()).isEqualTo(27002);

        first.close();
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (registry.size() > 1 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        WebSocketProbe again = WebSocketProbe.open(url, true, headers);
        again.close();
        second.close();
    }
}
