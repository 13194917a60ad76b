package io.selene.handlers.reextraction;

import static io.selene.testsupport.ServiceConventionsTest.assertLunaError;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import io.selene.testsupport.HttpProbe;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * {@code POST /1/samples/descriptors} refuses a body of the wrong shape by the field's path, before any sample is
 * read (the same context as IsoEndpointTest, so the models load once).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "selene.handlers.store-samples=false")
class ReextractionBodyTest {

    @Value("${local.server.port}")
    int port;

    private String refusal(String body) {
        HttpProbe.Answer answer = HttpProbe.internal(port, UUID.randomUUID()).post("/1/samples/descriptors", body);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
        assertLunaError(answer, 102);
        return answer.json().get("detail").asString();
    }

    @Test
    void eachShapeErrorNamesItsField() {
        String sample = "\"" + UUID.randomUUID() + "\"";
        assertThat(refusal("{\"objects\": []}")).isEqualTo("Bad field 'objects': must hold 1..64 objects");
        assertThat(refusal("{}")).isEqualTo("Bad field 'objects': is required");
        assertThat(refusal("{\"objects\": [{\"id\": \"a\", \"sample_ids\": [" + sample + "]}, {\"id\": \"b\"}]}"))
                .isEqualTo("Bad field 'objects[1].sample_ids': is required");
        assertThat(refusal("{\"objects\": [{\"id\": \"\", \"sample_ids\": [" + sample + "]}]}"))
                .isEqualTo("Bad field 'objects[0].id': must be 1..128 characters long");
        assertThat(refusal("{\"objects\": [{\"id\": \"a\", \"sample_ids\": [\"\"]}]}"))
                .isEqualTo("Bad field 'objects[0].sample_ids[0]': must be 1..128 characters long");
        assertThat(refusal("{\"descriptor_version\": 0, \"objects\": [{\"id\": \"a\", \"sample_ids\": [" + sample
                + "]}]}")).isEqualTo("Bad field 'descriptor_version': must be an integer in 1..2147483647");
        assertThat(refusal("{\"objects\": [{\"id\": \"a\", \"sample_ids\": [" + sample + "], \"colour\": 1}]}"))
                .isEqualTo("Bad field 'objects[0].colour': unknown field");
    }
}
