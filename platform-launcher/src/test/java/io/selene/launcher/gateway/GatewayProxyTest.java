package io.selene.launcher.gateway;

import static io.selene.testsupport.ServiceConventionsTest.assertLunaError;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.selene.commons.web.RequestIdFilter;
import io.selene.commons.web.RequestIds;
import io.selene.testsupport.HttpProbe;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.LoggerFactory;

/** What the proxy carries both ways: request id, query, binary bodies, resource headers, Location. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GatewayProxyTest {

    private GatewayTestPlatform platform;
    private HttpProbe user;

    @BeforeAll
    void start() {
        platform = GatewayTestPlatform.get();
        user = platform.as(platform.account("user"));
    }

    @Test
    void theRequestIdReachesTheOwningService() {
        Logger filterLogger = (Logger) LoggerFactory.getLogger(RequestIdFilter.class);
        Level before = filterLogger.getLevel();
        // other services of the shared platform log on their own threads meanwhile: a thread-safe list
        List<ILoggingEvent> logged = new CopyOnWriteArrayList<>();
        AppenderBase<ILoggingEvent> requestLog = new AppenderBase<>() {
            @Override
            protected void append(ILoggingEvent event) {
                logged.add(event);
            }
        };
        requestLog.start();
        filterLogger.addAppender(requestLog);
        filterLogger.setLevel(Level.DEBUG);
        try {
            String requestId = "1764288000,1a2b3c4d-0000-4000-8000-00000000abcd";
            HttpProbe.Answer answer = user.get("/6/accounts", "Luna-Request-Id", requestId);
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.header("Luna-Request-Id")).isEqualTo(requestId);
            List<String> services = logged.stream()
                    .filter(event -> requestId.equals(event.getMDCPropertyMap().get(RequestIds.MDC_KEY)))
                    .map(event -> event.getMDCPropertyMap().get(RequestIdFilter.SERVICE_MDC_KEY))
                    .distinct().toList();
            // The owning service logged it before it answered; the gateway's own line may come after ours.
            assertThat(services).contains("accounts-service");
        } finally {
            filterLogger.detachAppender(requestLog);
            filterLogger.setLevel(before);
        }
    }

    @Test
    void binaryBodiesAndResourceHeadersGoThroughUnchanged() {
        byte[] image = new byte[3 * 1024 * 1024 + 17];
        new Random(11).nextBytes(image);
        byte[] jpeg = java.util.Arrays.copyOf(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0},
                image.length);
        System.arraycopy(image, 4, jpeg, 4, image.length - 4);

        HttpProbe.Answer created = user.post("/6/images?ttl=600", "image/jpeg", jpeg);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String location = created.header("Location");
        assertThat(location).matches("^/6/images/[0-9a-f-]{36}$");
        assertThat(created.header("X-Luna-Expiry-Date")).isNotBlank();
        assertThat(created.json().get("url").asString()).isEqualTo(location);

        HttpProbe.Answer read = user.get(location);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.header("Content-Type")).startsWith("image/jpeg");
        assertThat(read.body()).isEqualTo(jpeg);
        HttpProbe.Answer head = user.send("HEAD", location);
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.header("Content-Length")).isEqualTo(String.valueOf(jpeg.length));
        assertThat(head.body()).isEmpty();

        assertThat(user.send("DELETE", location).status()).isEqualTo(204);
        HttpProbe.Answer gone = user.get(location);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.json().get("error_code").asInt()).isPositive();
    }

    @Test
    void queryStringAndServiceErrorsComeBackAsTheServiceSaidThem() {
        HttpProbe.Answer badTtl = user.post("/6/images?ttl=-5", "image/jpeg", new byte[] {(byte) 0xFF, (byte) 0xD8});
        assertThat(badTtl.status()).isEqualTo(400);
        assertThat(badTtl.json().get("detail").asString()).contains("ttl");
        HttpProbe.Answer paged = user.get("/6/accounts?page=1&page_size=1");
        assertThat(paged.status()).isEqualTo(200);
        HttpProbe.Answer badPage = user.get("/6/accounts?page_size=0");
        assertThat(badPage.status()).isEqualTo(400);
        assertLunaError(badPage, 101);
    }
}
