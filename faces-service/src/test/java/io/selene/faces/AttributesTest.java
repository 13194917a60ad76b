package io.selene.faces;

import static io.selene.testsupport.ServiceConventionsTest.assertLunaError;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.UUID;

import io.selene.testsupport.HttpProbe;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AttributesTest extends FacesTestSupport {

    @Test
    void attributeIsStoredReadAndDeleted() {
        UUID account = UUID.randomUUID();
        String descriptor = descriptor();
        HttpProbe.Answer created = as(account).post("/3/attributes", "{\"descriptors\":[{\"version\":201,\"data\":\""
                + descriptor + "\"}],\"basic_attributes\":{\"age\":38,\"gender\":1},\"sample_ids\":[\"s-1\",\"s-2\"]}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.json().get("attribute_id").asString();
        assertThat(created.json().get("url").asString()).isEqualTo("/6/attributes/" + id);
        Instant expiry = OffsetDateTime.parse(created.json().get("expiry_time").asString()).toInstant();
        assertThat(Duration.between(Instant.now(), expiry).toSeconds()).isBetween(290L, 300L); // default 300 s

        JsonNode attribute = ok(as(account).get("/3/attributes/" + id));
        assertThat(attribute.get("attribute_id").asString()).isEqualTo(id);
        assertThat(attribute.get("account_id").asString()).isEqualTo(account.toString());
        assertThat(attribute.get("descriptors").get(0).get("version").asInt()).isEqualTo(201);
        assertThat(attribute.get("descriptors").get(0).get("data").asString()).isEqualTo(descriptor);
        assertThat(attribute.get("basic_attributes").get("age").asInt()).isEqualTo(38);
        assertThat(attribute.get("sample_ids")).hasSize(2);
        assertThat(attribute.has("create_time") && attribute.has("expiry_time")).isTrue();

        assertThat(as(account).send("HEAD", "/3/attributes/" + id).status()).isEqualTo(200);
        assertThat(ok(as(account).get("/3/attributes")).get("attributes").get(0).get("attribute_id").asString())
                .isEqualTo(id);
        assertThat(count(as(account).get("/3/attributes/count"), "attributes_count")).isEqualTo(1);

        assertThat(as(account).send("DELETE", "/3/attributes/" + id).status()).isEqualTo(204);
        HttpProbe.Answer gone = as(account).get("/3/attributes/" + id);
        assertThat(gone.status()).isEqualTo(404);
        assertLunaError(gone, 22011);
        assertThat(as(account).send("HEAD", "/3/attributes/" + id).status()).isEqualTo(404);
        assertThat(count(as(account).get("/3/attributes/count"), "attributes_count")).isZero();
    }

    @Test
    void attributeExpiresAfterItsTtlAndCannotMakeAFaceAnyMore() throws Exception {
        UUID account = UUID.randomUUID();
        HttpProbe.Answer created = as(account).post("/3/attributes",
                "{\"descriptors\":[{\"version\":201,\"data\":\"" + descriptor() + "\"}],\"ttl\":1}");
        assertThat(created.status()).isEqualTo(201);
        String id = created.json().get("attribute_id").asString();
        assertThat(as(account).get("/3/attributes/" + id).status()).isEqualTo(200);

        Thread.sleep(1300);
        HttpProbe.Answer expired = as(account).get("/3/attributes/" + id);
        assertThat(expired.status()).isEqualTo(404);
        assertLunaError(expired, 22011);
        assertThat(ok(as(account).get("/3/attributes")).get("attributes")).isEmpty();
        HttpProbe.Answer face = as(account).post("/3/faces", "{\"attribute_id\":\"" + id + "\"}");
        assertThat(face.status()).isEqualTo(404);
        assertLunaError(face, 22011);
        assertThat(count(as(account).get("/3/faces/count"), "faces_count")).isZero();
    }

    @Test
    void aFaceIsMadeFromLunasNestedAttributeForm() {
        UUID account = UUID.randomUUID();
        String id = as(account).post("/3/attributes", "{\"descriptors\":[{\"version\":201,\"data\":\""
                + descriptor() + "\"}],\"basic_attributes\":{\"age\":30,\"gender\":0}}").json().get("attribute_id")
                .asString();
        HttpProbe.Answer face = as(account).post("/3/faces", "{\"attribute\":{\"attribute_id\":\"" + id
                + "\"},\"user_data\":\"nested\"}");
        assertThat(face.status()).as(face.toString()).isEqualTo(201);
        JsonNode attributes = ok(as(account).get("/3/faces/" + face.json().get("face_id").asString() + "/attributes"))
                .get("attributes");
        assertThat(attributes.get("descriptors")).hasSize(1);
        assertThat(attributes.get("basic_attributes").get("age").asInt()).isEqualTo(30);
        // both forms at once, an unknown key inside, and another account's attribute are refused
        assertLunaError(as(account).post("/3/faces", "{\"attribute\":{\"attribute_id\":\"" + id
                + "\"},\"attribute_id\":\"" + id + "\"}"), 102);
        assertLunaError(as(account).post("/3/faces", "{\"attribute\":{\"attribute_id\":\"" + id
                + "\",\"colour\":1}}"), 102);
        HttpProbe.Answer foreign = as(UUID.randomUUID()).post("/3/faces", "{\"attribute\":{\"attribute_id\":\""
                + id + "\"}}");
        assertThat(foreign.status()).as(foreign.toString()).isEqualTo(404);
        assertThat(count(as(account).get("/3/faces/count"), "faces_count")).isEqualTo(1);
    }

    @Test
    void ttlAndContentAreValidated() {
        UUID account = UUID.randomUUID();
        for (String ttl : new String[] {"0", "86401", "-5"}) {
            HttpProbe.Answer refused = as(account).post("/3/attributes",
                    "{\"descriptors\":[{\"version\":201,\"data\":\"" + descriptor() + "\"}],\"ttl\":" + ttl + "}");
            assertThat(refused.status()).as(ttl).isEqualTo(400);
            assertLunaError(refused, 102);
        }
        HttpProbe.Answer longest = as(account).post("/3/attributes",
                "{\"descriptors\":[{\"version\":201,\"data\":\"" + descriptor() + "\"}],\"ttl\":86400}");
        assertThat(longest.status()).isEqualTo(201);
        HttpProbe.Answer empty = as(account).post("/3/attributes", "{}");
        assertThat(empty.status()).isEqualTo(400);
        HttpProbe.Answer badLength = as(account).post("/3/attributes", "{\"descriptors\":[{\"version\":201,\"data\":\""
                + Base64.getEncoder().encodeToString(new byte[100]) + "\"}]}");
        assertThat(badLength.status()).isEqualTo(400);
        assertLunaError(badLength, 12051);
        HttpProbe.Answer badVersion = as(account).post("/3/attributes", "{\"descriptors\":[{\"version\":7,\"data\":\""
                + descriptor() + "\"}]}");
        assertThat(badVersion.status()).isEqualTo(400);
        assertLunaError(badVersion, 12050);
    }

    @Test
    void faceIsCreatedFromAnAttributeOfItsOwnAccountOnly() {
        UUID account = UUID.randomUUID();
        String descriptor = descriptor();
        String id = as(account).post("/3/attributes", "{\"descriptors\":[{\"version\":201,\"data\":\"" + descriptor
                + "\"}],\"basic_attributes\":{\"age\":20,\"gender\":0},\"sample_ids\":[\"s-7\"]}")
                .json().get("attribute_id").asString();

        UUID intruder = UUID.randomUUID();
        for (HttpProbe.Answer refused : new HttpProbe.Answer[] {as(intruder).get("/3/attributes/" + id),
                as(intruder).send("HEAD", "/3/attributes/" + id), as(intruder).send("DELETE", "/3/attributes/" + id),
                as(intruder).post("/3/faces", "{\"attribute_id\":\"" + id + "\"}")}) {
            assertThat(refused.status()).as(refused.toString()).isEqualTo(404);
        }
        assertThat(count(as(intruder).get("/3/attributes/count"), "attributes_count")).isZero();
        assertThat(as(intruder).get("/3/attributes/count?account_id=" + account).status()).isEqualTo(403);
        assertThat(count(asAdvanced(intruder).get("/3/attributes/count?account_id=" + account), "attributes_count"))
                .isEqualTo(1);
        assertThat(asAdvanced(intruder).get("/3/attributes/" + id).status()).isEqualTo(200);

        HttpProbe.Answer face = as(account).post("/3/faces", "{\"attribute_id\":\"" + id + "\",\"user_data\":\"x\"}");
        assertThat(face.status()).as(face.toString()).isEqualTo(201);
        JsonNode attributes = ok(as(account).get("/3/faces/" + face.json().get("face_id").asString() + "/attributes"))
                .get("attributes");
        assertThat(attributes.get("descriptors").get(0).get("data").asString()).isEqualTo(descriptor);
        assertThat(attributes.get("basic_attributes").get("age").asInt()).isEqualTo(20);
        assertThat(attributes.get("sample_ids").get(0).asString()).isEqualTo("s-7");

        HttpProbe.Answer both = as(account).post("/3/faces", "{\"attribute_id\":\"" + id
                + "\",\"descriptors\":[{\"version\":201,\"data\":\"" + descriptor + "\"}]}");
        assertThat(both.status()).isEqualTo(400);
        assertLunaError(both, 102);
    }
}
