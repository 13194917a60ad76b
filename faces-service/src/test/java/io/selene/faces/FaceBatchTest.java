package io.selene.faces;

import static io.selene.testsupport.ServiceConventionsTest.assertLunaError;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import io.selene.testsupport.HttpProbe;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

/**
 * The internal batch endpoints tasks-service reads and writes faces with: {@code GET /3/faces/scan} (the
 * catalogue's search filters, a keyset, the account scope) and {@code POST /3/faces/descriptors}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class FaceBatchTest extends FacesTestSupport {

    @Test
    void theScanReadsEveryFaceOfTheFiltersOnceInIdOrderWithinTheAccount() {
        UUID account = UUID.randomUUID();
        String marker = "scan-" + UUID.randomUUID();
        // PostgreSQL orders uuids as unsigned bytes, as their text sorts (java.util.UUID compares signed)
        Set<UUID> mine = new TreeSet<>(java.util.Comparator.comparing(UUID::toString));
        for (int i = 0; i < 5; i++) {
            mine.add(createFace(account, "\"user_data\":\"" + marker + "\",\"sample_ids\":[\"s-" + i + "\"]"));
        }
        createFace(account, "\"user_data\":\"other\"");
        createFace(UUID.randomUUID(), "\"user_data\":\"" + marker + "\"");

        List<JsonNode> read = new ArrayList<>();
        String after = "";
        int pages = 0;
        do {
            JsonNode page = ok(as(account).get("/3/faces/scan?user_data=" + marker + "&limit=2" + after));
            page.get("faces").forEach(read::add);
            pages++;
            after = page.get("next").isNull() ? null : "&after_face_id=" + page.get("next").asString();
        } while (after != null);
        assertThat(pages).isEqualTo(3);
        assertThat(read.stream().map(face -> UUID.fromString(face.get("face_id").asString())).toList())
                .containsExactlyElementsOf(mine);
        JsonNode first = read.getFirst();
        assertThat(first.get("user_data").asString()).isEqualTo(marker);
        assertThat(first.get("sample_ids").get(0).asString()).startsWith("s-");
        assertThat(first.get("basic_attributes").get("age").asInt()).isEqualTo(30);
        assertThat(first.get("descriptor_versions").toString()).isEqualTo("[201]");
        assertThat(first.get("lists").isArray()).isTrue();
    }

    @Test
    void theScanTakesTheSearchFiltersOfTheCatalogue() {
        UUID account = UUID.randomUUID();
        UUID list = createList(account, "scan");
        UUID member = createFace(account, "\"external_id\":\"ext-member\"");
        UUID other = createFace(account, "");
        UUID stranger = createFace(UUID.randomUUID(), "");
        assertThat(link(account, "attach", list, member).status()).isEqualTo(200);

        JsonNode inList = ok(as(account).get("/3/faces/scan?list_id=" + list));
        assertThat(inList.get("faces")).hasSize(1);
        assertThat(inList.get("faces").get(0).get("lists").get(0).asString()).isEqualTo(list.toString());
        assertThat(ok(as(account).get("/3/faces/scan?external_ids=ext-member")).get("faces").get(0).get("face_id")
                .asString()).isEqualTo(member.toString());

        // a long id list is one array parameter; another account's id is never read
        StringBuilder ids = new StringBuilder(member + "," + other + "," + stranger);
        for (int i = 0; i < 150; i++) {
            ids.append(',').append(UUID.randomUUID());
        }
        assertThat(ok(as(account).get("/3/faces/scan?face_ids=" + ids)).get("faces")).hasSize(2);

        HttpProbe.Answer unknown = as(account).get("/3/faces/scan?colour=red");
        refused(unknown, 400, 101);
        assertThat(unknown.json().get("detail").asString()).contains("colour");
    }

    @Test
    void missingDescriptorVersionSelectsFacesWithSamplesThatLackIt() {
        UUID account = UUID.randomUUID();
        String marker = "missing-" + UUID.randomUUID();
        UUID withSample = createFace(account, "\"user_data\":\"" + marker + "\",\"sample_ids\":[\"s-1\"]");
        createFace(account, "\"user_data\":\"" + marker + "\"");
        JsonNode missing = ok(as(account).get("/3/faces/scan?user_data=" + marker + "&missing_descriptor_version=202"));
        assertThat(missing.get("faces")).hasSize(1);
        assertThat(missing.get("faces").get(0).get("face_id").asString()).isEqualTo(withSample.toString());
        assertThat(ok(as(account).get("/3/faces/scan?user_data=" + marker + "&missing_descriptor_version=201"))
                .get("faces")).isEmpty();
        refused(as(account).get("/3/faces/scan?limit=0"), 400, 101);
    }

    @Test
    void descriptorWritesSetOneVersionOnOwnFacesOnly() {
        UUID account = UUID.randomUUID();
        UUID mine = createFace(account, "\"user_data\":\"w\"");
        UUID stranger = createFace(UUID.randomUUID(), "");
        String data = descriptor();

        HttpProbe.Answer repeated = as(account).post("/3/faces/descriptors", "{\"descriptors\": [{\"face_id\": \""
                + mine + "\", \"version\": 201, \"data\": \"" + data + "\"}, {\"face_id\": \"" + mine
                + "\", \"version\": 201, \"data\": \"" + data + "\"}]}");
        refused(repeated, 400, 102);
        assertThat(repeated.json().get("detail").asString()).isEqualTo("Bad field 'descriptors[1].face_id': repeats "
                + mine);
        refused(as(account).post("/3/faces/descriptors", "{\"descriptors\": [], \"x\": 1}"), 400, 102);

        JsonNode written = ok(as(account).post("/3/faces/descriptors", "{\"descriptors\": [{\"face_id\": \"" + mine
                + "\", \"version\": 201, \"data\": \"" + data + "\"}, {\"face_id\": \"" + stranger
                + "\", \"version\": 201, \"data\": \"" + data + "\"}]}"));
        assertThat(written.get("written").asInt()).isEqualTo(1);
        assertThat(written.get("skipped").toString()).isEqualTo("[\"" + stranger + "\"]");
        JsonNode stored = ok(as(account).get("/3/faces/" + mine + "/attributes")).get("attributes");
        assertThat(stored.get("descriptors").get(0).get("data").asString()).isEqualTo(data);
    }

    private static void refused(HttpProbe.Answer answer, int status, int code) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
        assertLunaError(answer, code);
    }
}
