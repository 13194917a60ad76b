package io.selene.launcher.backport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.selene.launcher.TestPlatform;
import io.selene.testsupport.HttpProbe;
import io.selene.testsupport.TestPhotos;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * Backport 3 through the gateway ({@code /4}, LUNA PLATFORM 3's API), as an LP3 client uses it: an account
 * with its token (sent as {@code X-Auth-Token}), descriptors extracted from a real photo, persons with linked
 * descriptors in a person list, then search/identify/verify/match; each result checked against the same data
 * read through {@code /6}. sample1.jpg holds three different people.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Backport3Test {

    private TestPlatform platform;

    /** An LP3 account: its e-mail, password, id and a probe sending its token as LP3 did. */
    private record Lp3Account(String email, String password, UUID id, String token, HttpProbe lp3, HttpProbe basic) {
    }

    private Lp3Account alice;

    @BeforeAll
    void start() {
        platform = TestPlatform.shared();
        alice = register();
    }

    private Lp3Account register() {
        String email = "lp3-" + UUID.randomUUID().toString().substring(0, 8) + "@backport.test";
        String password = "pw-" + UUID.randomUUID();
        HttpProbe.Answer created = platform.admin().post("/4/accounts", "{\"email\": \"" + email
                + "\", \"password\": \"" + password + "\", \"organization_name\": \"Acme\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String token = created.json().get("token").asString();
        return new Lp3Account(email, password, UUID.fromString(created.json().get("account_id").asString()), token,
                platform.api().with("X-Auth-Token", token), platform.basic(email, password));
    }

    private List<String> descriptors(HttpProbe lp3, byte[] photo) {
        HttpProbe.Answer answer = lp3.post("/4/storage/descriptors?estimate_attributes=1", "image/jpeg", photo);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        List<String> ids = new ArrayList<>();
        for (JsonNode face : answer.json().get("faces")) {
            assertThat(face.get("rect").get("width").asInt()).isPositive();
            assertThat(face.get("attributes").get("age").isNumber()).isTrue();
            ids.add(face.get("id").asString());
        }
        return ids;
    }

    private String person(HttpProbe lp3, String userData) {
        HttpProbe.Answer answer = lp3.post("/4/storage/persons", "{\"user_data\": \"" + userData
                + "\", \"external_id\": \"ext-" + userData + "\"}");
        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        return answer.json().get("person_id").asString();
    }

    private static int patch(HttpProbe probe, String path) {
        HttpProbe.Answer answer = probe.send("PATCH", path);
        if (answer.status() != 204) {
            System.out.println("PATCH " + path + " -> " + answer);
        }
        return answer.status();
    }

    @Test
    void anLp3ClientsFlowFindsItsPeopleAndSlashSixSeesTheSameData() {
        HttpProbe lp3 = alice.lp3();
        assertThat(lp3.get("/4/account").json().get("email").asString()).isEqualTo(alice.email());
        List<String> enrolled = descriptors(lp3, TestPhotos.sample(1));
        assertThat(enrolled).hasSize(3);
        String alicePerson = person(lp3, "Alice");
        String bobPerson = person(lp3, "Bob");
        assertThat(patch(lp3, "/4/storage/persons/" + alicePerson + "/linked_descriptors?do=attach&descriptor_id="
                + enrolled.get(0))).isEqualTo(204);
        assertThat(patch(lp3, "/4/storage/persons/" + bobPerson + "/linked_descriptors?do=attach&descriptor_id="
                + enrolled.get(1))).isEqualTo(204);
        HttpProbe.Answer list = lp3.post("/4/storage/lists?type=persons", "{\"list_data\": \"staff\"}");
        assertThat(list.status()).as(list.toString()).isEqualTo(201);
        String listId = list.json().get("list_id").asString();
        for (String person : List.of(alicePerson, bobPerson)) {
            assertThat(patch(lp3, "/4/storage/persons/" + person + "/linked_lists?do=attach&list_id=" + listId))
                    .isEqualTo(204);
        }

        // the same photo again: a new descriptor of each face, to look the people up with
        String probe = descriptors(lp3, TestPhotos.sample(1)).get(0);
        HttpProbe.Answer search = lp3.post("/4/matching/search?descriptor_id=" + probe + "&list_id=" + listId
                + "&limit=2", "application/json", new byte[0]);
        assertThat(search.status()).as(search.toString()).isEqualTo(200);
        JsonNode best = search.json().get("candidates").get(0);
        assertThat(best.get("person_id").asString()).isEqualTo(alicePerson);
        assertThat(best.get("user_data").asString()).isEqualTo("Alice");
        assertThat(best.get("similarity").asDouble()).isGreaterThan(0.9);
        assertThat(search.json().get("candidates")).hasSize(2);
        assertThat(search.json().get("candidates").get(1).get("similarity").asDouble()).isLessThan(0.5);

        JsonNode identify = lp3.post("/4/matching/identify?descriptor_id=" + probe + "&person_ids=" + bobPerson + ","
                + alicePerson, "application/json", new byte[0]).json();
        assertThat(identify.get("candidates").get(0).get("person_id").asString()).isEqualTo(alicePerson);
        JsonNode verified = lp3.post("/4/matching/verify?descriptor_id=" + probe + "&person_id=" + alicePerson,
                "application/json", new byte[0]).json().get("candidates").get(0);
        assertThat(verified.get("status").asBoolean()).isTrue();
        JsonNode refused = lp3.post("/4/matching/verify?descriptor_id=" + probe + "&person_id=" + bobPerson,
                "application/json", new byte[0]).json().get("candidates").get(0);
        assertThat(refused.get("status").asBoolean()).isFalse();
        JsonNode match = lp3.post("/4/matching/match?descriptor_id=" + probe + "&descriptor_ids=" + enrolled.get(2)
                + "," + enrolled.get(0), "application/json", new byte[0]).json();
        assertThat(match.get("candidates").get(0).get("descriptor_id").asString()).isEqualTo(enrolled.get(0));
        assertThat(match.get("candidates").get(0).get("person_id").asString()).isEqualTo(alicePerson);

        JsonNode person = lp3.get("/4/storage/persons/" + alicePerson).json();
        assertThat(person.get("descriptors").get(0).asString()).isEqualTo(enrolled.get(0));
        assertThat(person.get("lists").get(0).asString()).isEqualTo(listId);
        JsonNode members = lp3.get("/4/storage/lists/" + listId).json();
        assertThat(members.get("type").asString()).isEqualTo("persons");
        assertThat(members.get("persons").valueStream().map(p -> p.get("person_id").asString()))
                .containsExactlyInAnyOrder(alicePerson, bobPerson);
        assertThat(lp3.get("/4/storage/persons?list_id=" + listId).json().get("persons")).hasSize(2);

        // the same data through /6, with the same credentials
        HttpProbe six = platform.api().with("Authorization", "Bearer " + alice.token());
        JsonNode face = six.get("/6/faces/" + alicePerson).json();
        assertThat(face.get("user_data").asString()).isEqualTo("Alice");
        assertThat(face.get("external_id").asString()).isEqualTo("ext-Alice");
        assertThat(face.get("lists").get(0).asString()).isEqualTo(listId);
        HttpProbe.Answer sixMatch = six.post("/6/matcher/faces", "{\"references\": [{\"type\": \"face\", \"id\": \""
                + probe + "\"}], \"candidates\": [{\"filters\": {\"origin\": \"faces\", \"list_id\": \"" + listId
                + "\"}, \"limit\": 1}]}");
        JsonNode sixBest = sixMatch.json().get(0).get("matches").get(0).get("candidates").get(0);
        assertThat(sixBest.get("face").get("face_id").asString()).isEqualTo(alicePerson);
        assertThat(sixBest.get("similarity").asDouble()).isEqualTo(best.get("similarity").asDouble());

        // unlinking takes the descriptor off the person, in /4 and in /6
        assertThat(patch(lp3, "/4/storage/persons/" + alicePerson + "/linked_descriptors?do=detach&descriptor_id="
                + enrolled.get(0))).isEqualTo(204);
        assertThat(lp3.get("/4/storage/persons/" + alicePerson).json().get("descriptors")).isEmpty();
        assertThat(six.get("/6/faces/" + alicePerson + "/attributes").json().get("attributes").get("descriptors"))
                .isEmpty();
        assertThat(lp3.get("/4/storage/descriptors/" + enrolled.get(0)).json().get("person_id").isNull()).isTrue();
        HttpProbe.Answer after = lp3.post("/4/matching/search?descriptor_id=" + probe + "&list_id=" + listId,
                "application/json", new byte[0]);
        assertThat(after.json().get("candidates").valueStream().map(c -> c.get("person_id").asString()))
                .doesNotContain(alicePerson);
    }

    @Test
    void tokensAreManagedWithTheLoginAndRevokedAtOnce() {
        HttpProbe.Answer created = alice.basic().post("/4/account/tokens", "{\"token_data\": \"cashier desk\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String tokenId = created.json().get("token_id").asString();
        String token = created.json().get("token").asString();
        HttpProbe withToken = platform.api().with("X-Auth-Token", token);
        assertThat(withToken.get("/4/account").status()).isEqualTo(200);
        assertThat(alice.basic().get("/4/account/tokens").json().get("tokens").valueStream()
                .anyMatch(t -> t.get("token_id").asString().equals(tokenId)
                        && t.get("token_data").asString().equals("cashier desk"))).isTrue();
        HttpProbe.Answer patched = alice.basic().send("PATCH", "/4/account/tokens/" + tokenId, "application/json",
                "{\"token_data\": \"front desk\"}".getBytes());
        assertThat(patched.status()).as(patched.toString()).isEqualTo(204);
        assertThat(alice.basic().get("/4/account/tokens/" + tokenId).json().get("token_data").asString())
                .isEqualTo("front desk");
        assertThat(withToken.get("/4/account").status()).as("the token keeps its rights").isEqualTo(200);
        assertThat(alice.basic().send("DELETE", "/4/account/tokens/" + tokenId).status()).isEqualTo(204);
        assertThat(withToken.get("/4/account").status()).isEqualTo(401);
        assertThat(platform.api().get("/4/account").status()).as("no credentials").isEqualTo(401);
        assertThat(platform.api().with("X-Auth-Token", token).get("/6/faces").status())
                .as("X-Auth-Token is LP3's, on /4 only").isEqualTo(401);
    }

    @Test
    void anotherAccountsPersonsDescriptorsAndListsAreRefused() {
        HttpProbe lp3 = alice.lp3();
        String descriptor = descriptors(lp3, TestPhotos.sample(2)).get(0);
        String person = person(lp3, "Carol");
        String listId = lp3.post("/4/storage/lists?type=persons", "{\"list_data\": \"vip\"}").json().get("list_id")
                .asString();
        assertThat(patch(lp3, "/4/storage/persons/" + person + "/linked_lists?do=attach&list_id=" + listId))
                .isEqualTo(204);
        Lp3Account mallory = register();
        String own = descriptors(mallory.lp3(), TestPhotos.sample(2)).get(0);

        HttpProbe.Answer read = mallory.lp3().get("/4/storage/persons/" + person);
        assertThat(read.status()).isEqualTo(404);
        assertThat(read.json().get("error_code").asInt()).isEqualTo(35004);
        assertThat(mallory.lp3().get("/4/storage/descriptors/" + descriptor).status()).isEqualTo(404);
        assertThat(mallory.lp3().get("/4/storage/lists/" + listId).status()).isEqualTo(404);
        assertThat(patch(mallory.lp3(), "/4/storage/persons/" + person + "/linked_descriptors?do=attach&descriptor_id="
                + own)).isEqualTo(404);
        HttpProbe.Answer search = mallory.lp3().post("/4/matching/search?descriptor_id=" + own + "&list_id=" + listId,
                "application/json", new byte[0]);
        assertThat(search.status()).isEqualTo(404);
        assertThat(search.text()).doesNotContain(person);
        assertThat(mallory.lp3().post("/4/matching/verify?descriptor_id=" + own + "&person_id=" + person,
                "application/json", new byte[0]).status()).isEqualTo(404);
        assertThat(mallory.lp3().post("/4/matching/identify?descriptor_id=" + own + "&person_ids=" + person,
                "application/json", new byte[0]).json().get("candidates")).isEmpty();
        assertThat(mallory.lp3().get("/4/storage/persons").text()).doesNotContain(person);
        assertThat(mallory.lp3().send("DELETE", "/4/storage/persons/" + person).status()).isEqualTo(404);
        assertThat(lp3.get("/4/storage/persons/" + person).status()).as("still there for its owner").isEqualTo(200);
    }

    @Test
    void badLegacyInputIsALunaErrorAndStoresNothing() {
        HttpProbe lp3 = alice.lp3();
        HttpProbe.Answer notAnId = lp3.post("/4/matching/search?descriptor_id=nine&list_id=" + UUID.randomUUID(),
                "application/json", new byte[0]);
        assertLunaError(notAnId, 400, 35001);
        HttpProbe.Answer notAnImage = lp3.post("/4/storage/descriptors", "image/jpeg", "not a jpeg".getBytes());
        assertThat(notAnImage.status()).as(notAnImage.toString()).isEqualTo(400);
        assertThat(notAnImage.json().has("error_code")).isTrue();
        assertLunaError(lp3.post("/4/storage/lists?type=cars", "{}"), 400, 35001);
        String person = person(lp3, "Dave");
        assertLunaError(lp3.send("PATCH", "/4/storage/persons/" + person + "/linked_descriptors?do=merge&descriptor_id="
                + UUID.randomUUID()), 400, 35001);
        assertLunaError(lp3.post("/4/storage/persons", "{\"user_data\": 12}"), 400, 35002);
        assertLunaError(lp3.send("PATCH", "/4/storage/persons/" + person + "/linked_descriptors?do=attach&descriptor_id="
                + UUID.randomUUID()), 404, 35005);
        assertThat(lp3.get("/4/storage/persons/" + person).json().get("descriptors")).isEmpty();
        HttpProbe.Answer version = lp3.get("/4/version");
        assertThat(version.status()).isEqualTo(200);
        assertThat(version.json().get("luna-backport3").get("api").asInt()).isEqualTo(4);
        assertThat(version.json().has("luna-faces")).isTrue();
    }

    private static void assertLunaError(HttpProbe.Answer answer, int status, int code) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
        JsonNode error = answer.json();
        assertThat(error.get("error_code").asInt()).as(answer.toString()).isEqualTo(code);
        assertThat(error.get("desc").asString()).isNotBlank();
        assertThat(error.get("detail").asString()).isNotBlank();
        assertThat(error.get("link").asString()).contains(String.valueOf(code));
    }
}
