package io.selene.faces;

import static io.selene.testsupport.ServiceConventionsTest.assertLunaError;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.selene.testsupport.HttpProbe;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class FacesApiTest extends FacesTestSupport {

    @Test
    void faceIsCreatedReadPatchedAndDeleted() {
        UUID account = UUID.randomUUID();
        UUID event = UUID.randomUUID();
        String descriptor = descriptor();
        HttpProbe.Answer created = as(account).post("/3/faces", "{\"descriptors\":[{\"version\":201,\"data\":\""
                + descriptor + "\"}],\"basic_attributes\":{\"age\":38,\"gender\":1},\"sample_ids\":[\"s-1\"],"
                + "\"user_data\":\"Ann\",\"external_id\":\"ext-1\",\"avatar\":\"/6/samples/faces/s-1\","
                + "\"event_id\":\"" + event + "\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String faceId = created.json().get("face_id").asString();
        assertThat(created.json().get("url").asString()).isEqualTo("/6/faces/" + faceId);
        assertThat(created.header("Location")).isEqualTo("/6/faces/" + faceId);

        JsonNode face = ok(as(account).get("/3/faces/" + faceId));
        assertThat(face.get("face_id").asString()).isEqualTo(faceId);
        assertThat(face.get("account_id").asString()).isEqualTo(account.toString());
        assertThat(face.get("user_data").asString()).isEqualTo("Ann");
        assertThat(face.get("external_id").asString()).isEqualTo("ext-1");
        assertThat(face.get("avatar").asString()).isEqualTo("/6/samples/faces/s-1");
        assertThat(face.get("event_id").asString()).isEqualTo(event.toString());
        assertThat(face.get("lists").size()).isZero();
        assertThat(OffsetDateTime.parse(face.get("create_time").asString())).isNotNull();

        JsonNode attributes = ok(as(account).get("/3/faces/" + faceId + "/attributes")).get("attributes");
        assertThat(attributes.get("descriptors").get(0).get("version").asInt()).isEqualTo(201);
        assertThat(attributes.get("descriptors").get(0).get("data").asString()).isEqualTo(descriptor);
        assertThat(attributes.get("basic_attributes").get("age").asInt()).isEqualTo(38);
        assertThat(attributes.get("sample_ids").get(0).asString()).isEqualTo("s-1");

        HttpProbe.Answer patched = as(account).send("PATCH", "/3/faces/" + faceId, "application/json",
                "{\"user_data\":\"Bob\",\"external_id\":\"ext-2\",\"event_id\":null}".getBytes(StandardCharsets.UTF_8));
        assertThat(patched.status()).as(patched.toString()).isEqualTo(204);
        face = ok(as(account).get("/3/faces/" + faceId));
        assertThat(face.get("user_data").asString()).isEqualTo("Bob");
        assertThat(face.get("external_id").asString()).isEqualTo("ext-2");
        assertThat(face.get("event_id").isNull()).isTrue();
        assertThat(face.get("avatar").asString()).isEqualTo("/6/samples/faces/s-1");

        HttpProbe.Answer badPatch = as(account).send("PATCH", "/3/faces/" + faceId, "application/json",
                "{\"account_id\":\"x\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(badPatch.status()).isEqualTo(400);
        assertLunaError(badPatch, 102);

        assertThat(as(account).send("HEAD", "/3/faces/" + faceId).status()).isEqualTo(200);
        assertThat(as(account).send("DELETE", "/3/faces/" + faceId).status()).isEqualTo(204);
        HttpProbe.Answer gone = as(account).get("/3/faces/" + faceId);
        assertThat(gone.status()).isEqualTo(404);
        assertLunaError(gone, 22002);
        assertThat(as(account).send("DELETE", "/3/faces/" + faceId).status()).isEqualTo(404);
    }

    @Test
    void badDescriptorsAreRefusedAndNothingIsStored() {
        UUID account = UUID.randomUUID();
        String shortDescriptor = Base64.getEncoder().encodeToString(new byte[2047]);
        HttpProbe.Answer badLength = as(account).post("/3/faces",
                "{\"descriptors\":[{\"version\":201,\"data\":\"" + shortDescriptor + "\"}]}");
        assertThat(badLength.status()).isEqualTo(400);
        assertLunaError(badLength, 12051);

        HttpProbe.Answer unknownVersion = as(account).post("/3/faces",
                "{\"descriptors\":[{\"version\":59,\"data\":\"" + descriptor() + "\"}]}");
        assertThat(unknownVersion.status()).isEqualTo(400);
        assertLunaError(unknownVersion, 12050);

        HttpProbe.Answer badBase64 = as(account).post("/3/faces",
                "{\"descriptors\":[{\"version\":201,\"data\":\"@@not base64@@\"}]}");
        assertThat(badBase64.status()).isEqualTo(400);
        assertLunaError(badBase64, 12053);

        HttpProbe.Answer unknownField = as(account).post("/3/faces", "{\"colour\":\"red\"}");
        assertThat(unknownField.status()).isEqualTo(400);
        assertLunaError(unknownField, 102);

        HttpProbe.Answer badAge = as(account).post("/3/faces", "{\"basic_attributes\":{\"age\":\"old\"}}");
        assertThat(badAge.status()).isEqualTo(400);
        assertLunaError(badAge, 102);

        HttpProbe.Answer unknownList = as(account).post("/3/faces", faceBody("\"lists\":[\"" + UUID.randomUUID() + "\"]"));
        assertThat(unknownList.status()).isEqualTo(400);
        assertLunaError(unknownList, 22005);

        assertThat(count(as(account).get("/3/faces/count"), "faces_count")).isZero();

        UUID face = createFace(account, "");
        HttpProbe.Answer badPut = as(account).send("PUT", "/3/faces/" + face + "/attributes", "application/json",
                ("{\"descriptors\":[{\"version\":201,\"data\":\"" + shortDescriptor + "\"}]}").getBytes());
        assertThat(badPut.status()).isEqualTo(400);
        assertLunaError(badPut, 12051);
        assertThat(ok(as(account).get("/3/faces/" + face + "/attributes")).get("attributes").get("descriptors")
                .size()).isEqualTo(1);
    }

    @Test
    void filtersSelectFacesAndPagesAreBounded() throws Exception {
        UUID account = UUID.randomUUID();
        UUID list = createList(account, "staff");
        UUID event = UUID.randomUUID();
        List<UUID> faces = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            faces.add(createFace(account, "\"user_data\":\"person " + i + "\",\"external_id\":\"ext-" + i + "\""
                    + (i == 0 ? ",\"event_id\":\"" + event + "\"" : "")
                    + (i < 2 ? ",\"lists\":[\"" + list + "\"]" : "")));
            Thread.sleep(2);
        }
        UUID other = UUID.randomUUID();
        createFace(other, "\"user_data\":\"person 0\"");

        assertThat(ids(as(account).get("/3/faces?page_size=100"))).containsExactlyElementsOf(reversed(faces));
        assertThat(ids(as(account).get("/3/faces?external_ids=ext-1,ext-3"))).containsExactlyInAnyOrder(faces.get(1),
                faces.get(3));
        assertThat(ids(as(account).get("/3/faces?user_data=son%202"))).containsExactly(faces.get(2));
        assertThat(ids(as(account).get("/3/faces?face_ids=" + faces.get(4) + "," + UUID.randomUUID())))
                .containsExactly(faces.get(4));
        assertThat(ids(as(account).get("/3/faces?list_id=" + list))).containsExactlyInAnyOrder(faces.get(0),
                faces.get(1));
        assertThat(ids(as(account).get("/3/faces?event_ids=" + event))).containsExactly(faces.get(0));

        JsonNode third = ok(as(account).get("/3/faces/" + faces.get(2)));
        String time = third.get("create_time").asString().replace("+", "%2B");
        assertThat(ids(as(account).get("/3/faces?create_time__gte=" + time))).containsExactlyInAnyOrder(faces.get(2),
                faces.get(3), faces.get(4));
        assertThat(ids(as(account).get("/3/faces?create_time__lt=" + time))).containsExactlyInAnyOrder(faces.get(0),
                faces.get(1));
        assertThat(count(as(account).get("/3/faces/count?create_time__lt=" + time), "faces_count")).isEqualTo(2);

        // pages of 2, newest first; the page past the end is empty
        assertThat(ids(as(account).get("/3/faces?page=1&page_size=2"))).containsExactly(faces.get(4), faces.get(3));
        assertThat(ids(as(account).get("/3/faces?page=3&page_size=2"))).containsExactly(faces.get(0));
        assertThat(ids(as(account).get("/3/faces?page=4&page_size=2"))).isEmpty();
        for (String bad : List.of("page_size=0", "page_size=101", "page_size=-1", "page=0", "colour=red",
                "face_ids=nope", "create_time__gte=yesterday")) {
            HttpProbe.Answer refused = as(account).get("/3/faces?" + bad);
            assertThat(refused.status()).as(bad).isEqualTo(400);
            assertLunaError(refused, 101);
        }

        JsonNode narrow = ok(as(account).get("/3/faces?targets=face_id,lists&face_ids=" + faces.get(0)))
                .get("faces").get(0);
        assertThat(narrow.propertyNames()).containsExactlyInAnyOrder("face_id", "lists");
        assertThat(narrow.get("lists").get(0).asString()).isEqualTo(list.toString());
        HttpProbe.Answer badTarget = as(account).get("/3/faces?targets=face_id,password");
        assertThat(badTarget.status()).isEqualTo(400);
        assertLunaError(badTarget, 22016);

        assertThat(count(as(account).get("/3/faces/count"), "faces_count")).isEqualTo(5);
        assertThat(count(as(account).get("/3/faces/attributes/count"), "faces_count")).isEqualTo(5);
        createFaceWithoutAttributes(account);
        assertThat(count(as(account).get("/3/faces/count"), "faces_count")).isEqualTo(6);
        assertThat(count(as(account).get("/3/faces/attributes/count"), "faces_count")).isEqualTo(5);
    }

    private void createFaceWithoutAttributes(UUID account) {
        assertThat(as(account).post("/3/faces", "{\"user_data\":\"bare\"}").status()).isEqualTo(201);
    }

    @Test
    void anotherAccountCannotReadChangeOrDeleteAFace() {
        UUID owner = UUID.randomUUID();
        UUID intruder = UUID.randomUUID();
        UUID face = createFace(owner, "\"user_data\":\"secret\"");

        for (HttpProbe.Answer refused : List.of(as(intruder).get("/3/faces/" + face),
                as(intruder).get("/3/faces/" + face + "/attributes"),
                as(intruder).send("HEAD", "/3/faces/" + face),
                as(intruder).send("PATCH", "/3/faces/" + face, "application/json", "{\"user_data\":\"x\"}".getBytes()),
                as(intruder).send("PUT", "/3/faces/" + face + "/attributes", "application/json",
                        ("{\"descriptors\":[{\"version\":201,\"data\":\"" + descriptor() + "\"}]}").getBytes()),
                as(intruder).send("DELETE", "/3/faces/" + face + "/attributes"),
                as(intruder).send("DELETE", "/3/faces/" + face))) {
            assertThat(refused.status()).as(refused.toString()).isEqualTo(404);
        }
        assertLunaError(as(intruder).get("/3/faces/" + face), 22002);
        assertThat(ids(as(intruder).get("/3/faces?face_ids=" + face))).isEmpty();
        assertThat(count(as(intruder).get("/3/faces/count"), "faces_count")).isZero();
        assertThat(count(as(intruder).get("/3/faces/attributes/count"), "faces_count")).isZero();
        HttpProbe.Answer foreignScope = as(intruder).get("/3/faces?account_id=" + owner);
        assertThat(foreignScope.status()).isEqualTo(403);

        HttpProbe.Answer bulk = as(intruder).send("DELETE", "/3/faces", "application/json",
                ("{\"face_ids\":[\"" + face + "\"]}").getBytes());
        assertThat(bulk.status()).isEqualTo(200);
        assertThat(bulk.json().get("deleted").asInt()).isZero();

        // the face is untouched, and an advanced caller may read it with account_id
        JsonNode still = ok(as(owner).get("/3/faces/" + face));
        assertThat(still.get("user_data").asString()).isEqualTo("secret");
        assertThat(ok(as(owner).get("/3/faces/" + face + "/attributes")).get("attributes").get("descriptors").size())
                .isEqualTo(1);
        assertThat(ids(asAdvanced(intruder).get("/3/faces?account_id=" + owner))).containsExactly(face);
        assertThat(ok(asAdvanced(intruder).get("/3/faces/" + face)).get("face_id").asString())
                .isEqualTo(face.toString());
        assertThat(count(asAdvanced(intruder).get("/3/faces/count?account_id=" + owner), "faces_count")).isEqualTo(1);
        // but visibility "all" does not allow writing someone else's face
        assertThat(asAdvanced(intruder).send("DELETE", "/3/faces/" + face).status()).isEqualTo(404);
        assertThat(as(owner).get("/3/faces/" + face).status()).isEqualTo(200);
    }

    @Test
    void bulkDeleteIsLimitedTo1000() {
        UUID account = UUID.randomUUID();
        List<UUID> faces = List.of(createFace(account, ""), createFace(account, ""), createFace(account, ""));
        StringBuilder tooMany = new StringBuilder();
        for (int i = 0; i < 1001; i++) {
            tooMany.append(i == 0 ? "" : ",").append('"').append(UUID.randomUUID()).append('"');
        }
        HttpProbe.Answer refused = as(account).send("DELETE", "/3/faces", "application/json",
                ("{\"face_ids\":[" + tooMany + "]}").getBytes());
        assertThat(refused.status()).isEqualTo(400);
        assertLunaError(refused, 102);
        assertThat(count(as(account).get("/3/faces/count"), "faces_count")).isEqualTo(3);

        HttpProbe.Answer tooManyIds = as(account).get("/3/faces?face_ids=" + tooMany.toString().replace("\"", ""));
        assertThat(tooManyIds.status()).isEqualTo(400);

        HttpProbe.Answer deleted = as(account).send("DELETE", "/3/faces", "application/json",
                ("{\"face_ids\":[\"" + faces.get(0) + "\",\"" + faces.get(2) + "\",\"" + UUID.randomUUID() + "\"]}")
                        .getBytes());
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.json().get("deleted").asInt()).isEqualTo(2);
        assertThat(ids(as(account).get("/3/faces"))).containsExactly(faces.get(1));
    }

    @Test
    void idempotentCreateReturnsTheFirstFaceAndCreatesNothingMore() {
        UUID account = UUID.randomUUID();
        String body = faceBody("\"user_data\":\"once\"");
        String key = "retry-" + UUID.randomUUID();
        HttpProbe.Answer first = as(account).post("/3/faces", "application/json", body.getBytes(),
                "Idempotency-Key", key);
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        // same body with other formatting and key order
        String reordered = "{ \"user_data\" : \"once\", " + body.substring(1, body.length() - 1)
                .replace(",\"user_data\":\"once\"", "") + " }";
        HttpProbe.Answer retry = as(account).post("/3/faces", "application/json", reordered.getBytes(),
                "Idempotency-Key", key);
        assertThat(retry.status()).as(retry.toString()).isEqualTo(201);
        assertThat(retry.json().get("face_id").asString()).isEqualTo(first.json().get("face_id").asString());
        assertThat(count(as(account).get("/3/faces/count"), "faces_count")).isEqualTo(1);

        HttpProbe.Answer different = as(account).post("/3/faces", "application/json",
                faceBody("\"user_data\":\"twice\"").getBytes(), "Idempotency-Key", key);
        assertThat(different.status()).isEqualTo(409);
        assertLunaError(different, 22062);
        assertThat(count(as(account).get("/3/faces/count"), "faces_count")).isEqualTo(1);

        // keys are per account
        UUID other = UUID.randomUUID();
        HttpProbe.Answer otherAccount = as(other).post("/3/faces", "application/json", body.getBytes(),
                "Idempotency-Key", key);
        assertThat(otherAccount.status()).isEqualTo(201);
        assertThat(otherAccount.json().get("face_id").asString()).isNotEqualTo(first.json().get("face_id").asString());

        // lists too
        HttpProbe.Answer list = as(account).post("/3/lists", "application/json", "{\"user_data\":\"l\"}".getBytes(),
                "Idempotency-Key", key);
        HttpProbe.Answer listRetry = as(account).post("/3/lists", "application/json",
                "{\"user_data\":\"l\"}".getBytes(), "Idempotency-Key", key);
        assertThat(list.status()).isEqualTo(201);
        assertThat(listRetry.status()).isEqualTo(201);
        assertThat(listRetry.json().get("list_id").asString()).isEqualTo(list.json().get("list_id").asString());
        assertThat(count(as(account).get("/3/lists/count"), "lists_count")).isEqualTo(1);
        HttpProbe.Answer listConflict = as(account).post("/3/lists", "application/json",
                "{\"user_data\":\"m\"}".getBytes(), "Idempotency-Key", key);
        assertThat(listConflict.status()).isEqualTo(409);
        assertLunaError(listConflict, 22062);
    }

    @Test
    void faceAttributesAreReplacedAndRemoved() {
        UUID account = UUID.randomUUID();
        UUID face = createFace(account, "");
        String replacement = descriptor();
        HttpProbe.Answer put = as(account).send("PUT", "/3/faces/" + face + "/attributes", "application/json",
                ("{\"descriptors\":[{\"version\":201,\"data\":\"" + replacement + "\"}],"
                        + "\"basic_attributes\":{\"age\":50,\"gender\":0},\"sample_ids\":[\"s-9\"]}").getBytes());
        assertThat(put.status()).as(put.toString()).isEqualTo(204);
        JsonNode attributes = ok(as(account).get("/3/faces/" + face + "/attributes")).get("attributes");
        assertThat(attributes.get("descriptors").get(0).get("data").asString()).isEqualTo(replacement);
        assertThat(attributes.get("basic_attributes").get("age").asInt()).isEqualTo(50);
        assertThat(attributes.get("sample_ids").get(0).asString()).isEqualTo("s-9");

        assertThat(as(account).send("DELETE", "/3/faces/" + face + "/attributes").status()).isEqualTo(204);
        attributes = ok(as(account).get("/3/faces/" + face + "/attributes")).get("attributes");
        assertThat(attributes.get("descriptors").size()).isZero();
        assertThat(attributes.get("basic_attributes").isNull()).isTrue();
        assertThat(count(as(account).get("/3/faces/attributes/count"), "faces_count")).isZero();
        assertThat(count(as(account).get("/3/faces/count"), "faces_count")).isEqualTo(1);
    }

    static List<UUID> ids(HttpProbe.Answer answer) {
        JsonNode body = ok(answer);
        List<UUID> ids = new ArrayList<>();
        body.get("faces").forEach(face -> ids.add(UUID.fromString(face.get("face_id").asString())));
        Set<UUID> unique = new HashSet<>(ids);
        assertThat(unique).hasSameSizeAs(ids);
        return ids;
    }

    static List<UUID> reversed(List<UUID> ids) {
        List<UUID> copy = new ArrayList<>(ids);
        java.util.Collections.reverse(copy);
        return copy;
    }
}
