package io.selene.commons;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Flow;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.selene.commons.PlatformSettings;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Every error case of the conventions answers with the LUNA body and the right status. */
@SpringBootTest(classes = ProbeApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "selene.http.max-body-size=1KB",
                "selene.internal.require-secret=false",
                "spring.autoconfigure.exclude=org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration,"
                        + "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration"})
class ErrorModelTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient client = HttpClient.newHttpClient();

    @Value("${local.server.port}")
    int port;

    @Autowired
    MeterRegistry meters;

    record Answer(int status, JsonNode body, String raw) {
    }

    private Answer send(HttpRequest.Builder request) throws Exception {
        HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body = response.body().isEmpty() ? null : JSON.readTree(response.body());
        return new Answer(response.statusCode(), body, response.body());
    }

    private HttpRequest.Builder to(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    }

    private static HttpRequest.BodyPublisher json(String text) {
        return HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8);
    }

    private static void assertLuna(Answer answer, int status, int code) {
        assertThat(answer.status()).as(answer.raw()).isEqualTo(status);
        assertThat(answer.body().get("error_code").asInt()).as(answer.raw()).isEqualTo(code);
        assertThat(answer.body().get("desc").asString()).isNotBlank();
        assertThat(answer.body().get("detail").asString()).isNotBlank();
        assertThat(answer.body().get("link").asString()).isEqualTo("/docs/errors#code-" + code);
        assertThat(answer.body().propertyNames()).containsExactlyInAnyOrder("error_code", "desc", "detail", "link");
    }

    @Autowired
    PlatformSettings properties;

    @Test
    void serviceConfigurationFileOverridesPlatformDefaults() {
        assertThat(properties.clients().readTimeout()).isEqualTo(java.time.Duration.ofSeconds(7));
        assertThat(properties.clients().connectTimeout()).isEqualTo(java.time.Duration.ofSeconds(2));
        assertThat(properties.service().name()).isEqualTo("probe-service");
    }

    @Test
    void validJsonIsAccepted() throws Exception {
        Answer answer = send(to("/probe/greetings").header("Content-Type", "application/json")
                .POST(json("{\"name\":\"ann\",\"times\":2}")));
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().get("text").asString()).isEqualTo("hello ann hello ann");
    }

    @Test
    void malformedJsonIs400With102() throws Exception {
        Answer answer = send(to("/probe/greetings").header("Content-Type", "application/json")
                .POST(json("{\"name\": \"ann\", ")));
        assertLuna(answer, 400, 102);
    }

    @Test
    void wrongJsonTypeIs400With102() throws Exception {
        Answer answer = send(to("/probe/greetings").header("Content-Type", "application/json")
                .POST(json("{\"name\":\"ann\",\"times\":\"many\"}")));
        assertLuna(answer, 400, 102);
    }

    @Test
    void missingRequiredQueryIs400With12014() throws Exception {
        Answer answer = send(to("/probe/count").GET());
        assertLuna(answer, 400, 12014);
        assertThat(answer.body().get("detail").asString()).contains("limit");
    }

    @Test
    void malformedQueryValueIs400With101() throws Exception {
        assertLuna(send(to("/probe/count?limit=ten").GET()), 400, 101);
    }

    @Test
    void pageSizeOutsideOneToHundredIs400() throws Exception {
        for (String pageSize : new String[] {"0", "101", "-1", "x"}) {
            Answer answer = send(to("/probe/faces?page_size=" + pageSize).GET());
            assertLuna(answer, 400, 101);
            assertThat(answer.body().get("detail").asString()).contains("page_size");
        }
        Answer fine = send(to("/probe/faces?page=3&page_size=100").GET());
        assertThat(fine.status()).isEqualTo(200);
        assertThat(fine.body().get("page").asInt()).isEqualTo(3);
        assertThat(fine.body().get("page_size").asInt()).isEqualTo(100);
    }

    @Test
    void unknownFilterTooLongListAndBadTimestampAreNamed() throws Exception {
        Answer unknown = send(to("/probe/faces?colour=red").GET());
        assertLuna(unknown, 400, 101);
        assertThat(unknown.body().get("detail").asString()).contains("colour");

        String ids = "00000000-0000-0000-0000-000000000001,00000000-0000-0000-0000-000000000002,"
                + "00000000-0000-0000-0000-000000000003,00000000-0000-0000-0000-000000000004";
        assertLuna(send(to("/probe/faces?face_ids=" + ids).GET()), 400, 101);

        Answer time = send(to("/probe/faces?create_time__gte=yesterday").GET());
        assertLuna(time, 400, 101);
        assertThat(time.body().get("detail").asString()).contains("create_time__gte");
    }

    @Test
    void unsupportedMediaTypeIs415With12024() throws Exception {
        Answer answer = send(to("/probe/greetings").header("Content-Type", "text/csv").POST(json("a,b")));
        assertLuna(answer, 415, 12024);
    }

    @Test
    void declaredBodyOverTheLimitIs413BeforeReading() throws Exception {
        Answer answer = send(to("/probe/greetings").header("Content-Type", "application/json")
                .POST(json("{\"name\":\"" + "a".repeat(2000) + "\",\"times\":1}")));
        assertLuna(answer, 413, 12040);
    }

    @Test
    void chunkedBodyOverTheLimitIs413() throws Exception {
        byte[] big = ("{\"name\":\"" + "a".repeat(5000) + "\",\"times\":1}").getBytes(StandardCharsets.UTF_8);
        // A publisher of unknown length makes the JDK client send the body chunked, without Content-Length.
        HttpRequest.BodyPublisher chunked = new HttpRequest.BodyPublisher() {
            private final HttpRequest.BodyPublisher delegate = HttpRequest.BodyPublishers.ofByteArray(big);

            @Override
            public long contentLength() {
                return -1;
            }

            @Override
            public void subscribe(Flow.Subscriber<? super java.nio.ByteBuffer> subscriber) {
                delegate.subscribe(subscriber);
            }
        };
        Answer answer = send(to("/probe/greetings").header("Content-Type", "application/json").POST(chunked));
        assertLuna(answer, 413, 12040);
    }

    @Test
    void unexpectedFailureIs500WithCode1AndNoInternals() throws Exception {
        Answer answer = send(to("/probe/boom").GET());
        assertLuna(answer, 500, 1);
        assertThat(answer.raw()).doesNotContain("IllegalStateException", "secret", "com.example", "at io.selene");
    }

    @Test
    void lunaExceptionKeepsItsCodeAndDetail() throws Exception {
        Answer answer = send(to("/probe/conflict").GET());
        assertLuna(answer, 400, 101);
        assertThat(answer.body().get("detail").asString()).isEqualTo("custom detail 42");
    }

    @Test
    void unknownRouteIs404With106() throws Exception {
        assertLuna(send(to("/nothing/here").GET()), 404, 106);
        assertLuna(send(to("/probe/greetings").GET()), 405, 106);
    }

    @Test
    void everyRouteIsTimedAndErrorsAreCountedByCode() throws Exception {
        send(to("/probe/count?limit=5").GET());
        send(to("/probe/count").GET());

        Timer ok = meters.find("selene.requests").tags("service", "probe-service", "route", "GET:/probe/count",
                "status", "200", "error_code", "0", "account", "none").timer();
        assertThat(ok).isNotNull();
        assertThat(ok.count()).isGreaterThanOrEqualTo(1);
        Counter errors = meters.find("selene.errors").tags("route", "GET:/probe/count", "status", "400",
                "error_code", "12014").counter();
        assertThat(errors).isNotNull();
        assertThat(errors.count()).isGreaterThanOrEqualTo(1.0);
    }

    @Test
    void errorCatalogueListsThePlatformCodes() throws Exception {
        Answer answer = send(to("/docs/errors").GET());
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().valueStream().map(e -> e.get("error_code").asInt()).toList())
                .contains(1, 101, 102, 106, 12014, 12024, 12040);
    }
}
