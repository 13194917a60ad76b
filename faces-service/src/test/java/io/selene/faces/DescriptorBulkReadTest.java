package io.selene.faces;

import static io.selene.testsupport.ServiceConventionsTest.assertLunaError;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.selene.testsupport.HttpProbe;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DescriptorBulkReadTest extends FacesTestSupport {

    record Item(long key, UUID faceId, int version, String data) {
    }

    @Test
    void pagesReturnEveryDescriptorOfTheAccountOnceInKeyOrder() {
        UUID account = UUID.randomUUID();
        Map<UUID, String> expected = new HashMap<>();
        for (int i = 0; i < 23; i++) {
            String descriptor = descriptor();
            HttpProbe.Answer created = as(account).post("/3/faces", "{\"descriptors\":[{\"version\":201,\"data\":\""
                    + descriptor + "\"}]}");
            expected.put(UUID.fromString(created.json().get("face_id").asString()), descriptor);
        }
        createFace(UUID.randomUUID(), ""); // another account's face is never returned
        as(account).post("/3/faces", "{\"user_data\":\"no descriptor\"}");

        List<Item> json = new ArrayList<>();
        String query = "account_id=" + account + "&limit=5";
        String next = "";
        int pages = 0;
        while (true) {
            JsonNode page = ok(as(account).get("/3/faces/descriptors?" + query + next));
            page.get("descriptors").forEach(item -> json.add(new Item(item.get("key").asLong(),
                    UUID.fromString(item.get("face_id").asString()),
                    item.get("version").asInt(), item.get("data").asString())));
            pages++;
            if (page.get("next").isNull()) {
                break;
            }
            next = "&after_key=" + page.get("next").get("after_key").asLong() + "&after_version="
                    + page.get("next").get("after_version").asInt();
        }
        assertThat(pages).isEqualTo(5);
        assertThat(json).hasSize(23);
        assertKeyOrder(json);
        for (Item item : json) {
            assertThat(item.version()).isEqualTo(201);
            assertThat(item.data()).isEqualTo(expected.get(item.faceId()));
        }

        // the binary frames carry exactly the same
        List<Item> binary = new ArrayList<>();
        next = "";
        while (true) {
            HttpProbe.Answer page = as(account).get("/3/faces/descriptors?account_id=" + account + "&limit=7" + next,
                    "Accept", "application/octet-stream");
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.header("Content-Type")).startsWith("application/octet-stream");
            ByteBuffer frames = ByteBuffer.wrap(page.body());
            int count = 0;
            Item last = null;
            while (true) {
                long key = frames.getLong();
                UUID face = new UUID(frames.getLong(), frames.getLong());
                int version = frames.getInt();
                byte[] data = new byte[frames.getInt()];
                frames.get(data);
                if (version == 0) { // end frame
                    assertThat(face).isEqualTo(new UUID(0, 0));
                    assertThat(key).isZero();
                    assertThat(frames.hasRemaining()).isFalse();
                    break;
                }
                last = new Item(key, face, version, Base64.getEncoder().encodeToString(data));
                binary.add(last);
                count++;
            }
            if (count < 7) {
                break;
            }
            next = "&after_key=" + last.key() + "&after_version=" + last.version();
        }
        assertThat(binary).containsExactlyElementsOf(json);
    }

    @Test
    void listReadReturnsOnlyMembersAndIsRefusedToOthers() {
        UUID account = UUID.randomUUID();
        UUID list = createList(account, "l");
        UUID member2 = createFace(account, "");
        UUID member1 = createFace(account, "\"lists\":[\"" + list + "\"]");
        createFace(account, "");
        assertThat(link(account, "attach", list, member2).status()).isEqualTo(200);
        JsonNode page = ok(as(account).get("/3/faces/descriptors?list_id=" + list));
        List<UUID> faces = new ArrayList<>();
        page.get("descriptors").forEach(item -> faces.add(UUID.fromString(item.get("face_id").asString())));
        assertThat(faces).containsExactly(member1, member2); // in link order
        assertThat(page.get("next").isNull()).isTrue();
        JsonNode second = ok(as(account).get("/3/faces/descriptors?list_id=" + list + "&limit=1&after_key="
                + page.get("descriptors").get(0).get("key").asLong() + "&after_version=201"));
        assertThat(second.get("descriptors").get(0).get("face_id").asString()).isEqualTo(member2.toString());

        HttpProbe.Answer foreign = as(UUID.randomUUID()).get("/3/faces/descriptors?list_id=" + list);
        assertThat(foreign.status()).isEqualTo(404);
        assertLunaError(foreign, 22003);
        assertThat(as(UUID.randomUUID()).get("/3/faces/descriptors?account_id=" + account).status()).isEqualTo(403);
        assertThat(ok(as(UUID.randomUUID()).get("/3/faces/descriptors")).get("descriptors")).isEmpty();
        assertThat(ok(asAdvanced(UUID.randomUUID()).get("/3/faces/descriptors?list_id=" + list)).get("descriptors"))
                .hasSize(2);
        HttpProbe.Answer tooBig = as(account).get("/3/faces/descriptors?limit=10001");
        assertThat(tooBig.status()).isEqualTo(400);
        assertLunaError(tooBig, 101);
    }

    @Test
    void faceFiltersNarrowTheReadWithinTheCallersScope() {
        UUID account = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        UUID list = createList(account, "filtered");
        UUID anna = createFace(account, "\"external_id\":\"anna\",\"user_data\":\"vip anna\",\"lists\":[\"" + list + "\"]");
        UUID boris = createFace(account, "\"external_id\":\"boris\",\"user_data\":\"boris\"");
        UUID carla = createFace(account, "\"external_id\":\"carla\",\"user_data\":\"vip carla\",\"lists\":[\"" + list + "\"]");
        UUID foreign = createFace(other, "\"external_id\":\"anna\",\"user_data\":\"vip\"");
        String borisTime = ok(as(account).get("/3/faces/" + boris)).get("create_time").asString();

        assertThat(faceIds(account, "face_ids=" + anna + "," + foreign)).containsExactly(anna);
        assertThat(faceIds(account, "external_ids=anna,boris")).containsExactlyInAnyOrder(anna, boris);
        assertThat(faceIds(account, "user_data=vip")).containsExactlyInAnyOrder(anna, carla);
        assertThat(faceIds(account, "user_data=vip&list_id=" + list + "&face_ids=" + carla + "," + boris))
                .containsExactly(carla);
        assertThat(faceIds(account, "create_time__gte=now-1h")).containsExactlyInAnyOrder(anna, boris, carla);
        assertThat(faceIds(account, "create_time__lt=now-1h")).isEmpty();
        assertThat(faceIds(account, "create_time__gte=" + borisTime.replace("+", "%2B")))
                .containsExactlyInAnyOrder(boris, carla);
        assertThat(faceIds(account, "create_time__lt=" + borisTime.replace("+", "%2B") + "&list_id=" + list))
                .containsExactly(anna);
        // the binary frames apply the same filters
        HttpProbe.Answer frames = as(account).get("/3/faces/descriptors?external_ids=carla,zed", "Accept",
                "application/octet-stream");
        ByteBuffer body = ByteBuffer.wrap(frames.body());
        body.getLong();
        assertThat(new UUID(body.getLong(), body.getLong())).isEqualTo(carla);
        assertThat(body.getInt()).isEqualTo(201);
        int length = body.getInt();
        body.position(body.position() + length);
        assertThat(body.remaining()).as("only the end frame follows").isEqualTo(32);

        assertThat(faceIds(other, "external_ids=anna")).containsExactly(foreign);
        assertThat(faceIds(other, "face_ids=" + anna)).isEmpty();
        for (String bad : List.of("face_ids=nope", "create_time__gte=yesterday", "external_ids=", "colour=red")) {
            HttpProbe.Answer refused = as(account).get("/3/faces/descriptors?" + bad);
            assertThat(refused.status()).as(bad).isEqualTo(400);
            assertLunaError(refused, 101);
            assertThat(refused.text()).contains(bad.substring(0, bad.indexOf('=')));
        }
    }

    private List<UUID> faceIds(UUID account, String query) {
        List<UUID> faces = new ArrayList<>();
        ok(as(account).get("/3/faces/descriptors?version=201&" + query)).get("descriptors")
                .forEach(item -> faces.add(UUID.fromString(item.get("face_id").asString())));
        return faces;
    }

    private static void assertKeyOrder(List<Item> items) {
        for (int i = 1; i < items.size(); i++) {
            assertThat(items.get(i).key()).isGreaterThan(items.get(i - 1).key());
        }
        assertThat(items.stream().map(Item::faceId).distinct().count()).isEqualTo(items.size());
    }
}
