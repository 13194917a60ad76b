package io.selene.launcher.matcher;

import static io.selene.testsupport.ServiceConventionsTest.assertLunaError;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import io.selene.commons.descriptor.DescriptorCodec;
import io.selene.commons.descriptor.DescriptorVersion;
import io.selene.events.EventsServiceApplication;
import io.selene.faces.FacesServiceApplication;
import io.selene.launcher.TestPlatform;
import io.selene.matcher.MatcherServiceApplication;
import io.selene.testsupport.HttpProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * Candidate filters beyond {@code list_id} (streamed from faces-service and scanned with the same code
 * as the list galleries), origins {@code attributes} and {@code events}, {@code event} references, and
 * account scoping of all of them, against real faces-, events- and matcher-services. The matcher
 * streams in pages of 4 descriptors and scans chunks of 3, so paging and the merge of chunks are
 * exercised; it refuses a stream of more than 30 descriptors.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FaceFilterMatchingTest {

    private static final int MAX_STREAMED = 30;

    private final Random random = new Random(23);
    private TestPlatform platform;

    record Candidate(String id, double similarity) {
    }

    @BeforeAll
    void start() {
        platform = TestPlatform.start("filters", List.of(FacesServiceApplication.class, EventsServiceApplication.class),
                "--selene.matcher.candidates.stream-page=4", "--selene.matcher.candidates.chunk-rows=3",
                "--selene.matcher.candidates.max-streamed=" + MAX_STREAMED);
        platform.startMore(List.of(MatcherServiceApplication.class));
    }

    @AfterAll
    void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    private float[] person() {
        float[] v = new float[512];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return v;
    }

    private float[] samePerson(float[] v, float noise) {
        float[] other = person();
        float[] mixed = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            mixed[i] = v[i] + noise * other[i];
        }
        return mixed;
    }

    private static String raw(float[] v) {
        return new DescriptorCodec.Descriptor(DescriptorVersion.FACE_FP512, v).rawBase64();
    }

    private static String sdkReference(float[] v) {
        return "{\"type\":\"sdk_descriptor\",\"id\":\"probe\",\"data\":\""
                + new DescriptorCodec.Descriptor(DescriptorVersion.FACE_FP512, v).sdkBase64() + "\"}";
    }

    private UUID created(HttpProbe.Answer answer, String field) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        return UUID.fromString(answer.json().get(field).asString());
    }

    private UUID createList(UUID account) {
        return created(platform.internal("faces-service", account).post("/3/lists", "{\"user_data\":\"filters\"}"), "list_id");
    }

    private UUID createFace(UUID account, float[] descriptor, String externalId, String userData, UUID list) {
        return created(platform.internal("faces-service", account).post("/3/faces", "{\"descriptors\":[{\"version\":201,"
                + "\"data\":\"" + raw(descriptor) + "\"}],\"external_id\":\"" + externalId + "\",\"user_data\":\""
                + userData + "\"" + (list == null ? "" : ",\"lists\":[\"" + list + "\"]") + "}"), "face_id");
    }

    private UUID createAttribute(UUID account, float[] descriptor) {
        return created(platform.internal("faces-service", account).post("/3/attributes", "{\"descriptors\":[{\"version\":201,"
                + "\"data\":\"" + raw(descriptor) + "\"}]}"), "attribute_id");
    }

    private UUID createEvent(UUID account, UUID handler, String source, String tag, float[] descriptor) {
        HttpProbe.Answer answer = platform.internal("events-service", account).post("/2/events", "{\"events\":[{"
                + "\"handler_id\":\"" + handler + "\",\"source\":\"" + source + "\",\"tags\":[\"" + tag + "\"]"
                + (descriptor == null ? "" : ",\"descriptor\":{\"version\":201,\"data\":\"" + raw(descriptor) + "\"}")
                + "}]}");
        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        return UUID.fromString(answer.json().get("events").get(0).get("event_id").asString());
    }

    private HttpProbe.Answer match(UUID account, String reference, String filters, String extra) {
        return platform.internal("matcher-service", account).post("/1/matcher/faces", "{\"references\":[" + reference
                + "],\"candidates\":[{\"filters\":" + filters + ",\"limit\":50" + extra + "}]}");
    }

    private static List<Candidate> candidates(HttpProbe.Answer answer, String key) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        List<Candidate> found = new ArrayList<>();
        answer.json().get(0).get("matches").get(0).get("candidates").forEach(c -> found.add(
                new Candidate(c.get(key).get(key + "_id").asString(), c.get("similarity").asDouble())));
        return found;
    }

    private List<Candidate> faces(UUID account, String reference, String filters) {
        return candidates(match(account, reference, filters, ""), "face");
    }

    private static List<Candidate> only(List<Candidate> all, UUID... ids) {
        Set<String> wanted = new java.util.HashSet<>();
        for (UUID id : ids) {
            wanted.add(id.toString());
        }
        return all.stream().filter(c -> wanted.contains(c.id())).toList();
    }

    /** The list's gallery answer once every member is indexed. */
    private List<Candidate> gallery(UUID account, String reference, UUID list, int members) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
            List<Candidate> found = faces(account, reference, "{\"origin\":\"faces\",\"list_id\":\"" + list + "\"}");
            if (found.size() == members) {
                return found;
            }
            assertThat(System.nanoTime()).as("list not indexed: %s", found).isLessThan(deadline);
            sleep(20);
        }
    }

    @Test
    void faceFiltersAnswerAsTheListGalleryRestrictedToTheirFaces() {
        UUID account = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        UUID list = createList(account);
        float[] anna = person();
        UUID annaFace = createFace(account, samePerson(anna, 0.3f), "anna", "vip anna", list);
        UUID borisFace = createFace(account, samePerson(anna, 0.9f), "boris", "boris", list);
        UUID carlaFace = createFace(account, person(), "carla", "vip carla", list);
        UUID doraFace = createFace(account, samePerson(anna, 0.5f), "dora", "vip dora", null); // in no list
        String carlaTime = platform.internal("faces-service", account).get("/3/faces/" + carlaFace).json().get("create_time")
                .asString();
        // another account's faces of the same person, with the same external id and user data
        UUID foreign = createFace(other, anna, "anna", "vip anna", createList(other));
        String probe = sdkReference(anna);
        List<Candidate> inList = gallery(account, probe, list, 3);
        assertThat(inList.getFirst().id()).isEqualTo(annaFace.toString());

        String listFilter = "\"origin\":\"faces\",\"list_id\":\"" + list + "\"";
        // streamed with a filter that keeps every member: the gallery's exact answer
        assertThat(faces(account, probe, "{" + listFilter + ",\"create_time__gte\":\"now-1h\"}")).isEqualTo(inList);
        assertThat(faces(account, probe, "{" + listFilter + ",\"face_ids\":[\"" + annaFace + "\",\"" + carlaFace
                + "\",\"" + doraFace + "\",\"" + foreign + "\"]}")).isEqualTo(only(inList, annaFace, carlaFace));
        assertThat(faces(account, probe, "{" + listFilter + ",\"user_data\":\"vip\"}"))
                .isEqualTo(only(inList, annaFace, carlaFace));
        assertThat(faces(account, probe, "{" + listFilter + ",\"external_ids\":[\"boris\",\"dora\"]}"))
                .isEqualTo(only(inList, borisFace));
        assertThat(faces(account, probe, "{" + listFilter + ",\"create_time__lt\":\"now-1h\"}")).isEmpty();
        assertThat(faces(account, probe, "{" + listFilter + ",\"create_time__gte\":\"" + carlaTime + "\"}"))
                .isEqualTo(only(inList, carlaFace));

        // account-wide: every face of the caller's account, none of the other's
        List<Candidate> everyFace = faces(account, probe, "{\"origin\":\"faces\"}");
        assertThat(everyFace).extracting(Candidate::id).containsExactly(annaFace.toString(), doraFace.toString(),
                borisFace.toString(), carlaFace.toString());
        assertThat(only(everyFace, annaFace, borisFace, carlaFace)).isEqualTo(inList);
        assertThat(faces(account, probe, "{\"origin\":\"faces\",\"external_ids\":[\"anna\",\"dora\"]}"))
                .isEqualTo(only(everyFace, annaFace, doraFace));
        assertThat(faces(account, probe, "{\"origin\":\"faces\",\"user_data\":\"vip\",\"create_time__gte\":\"now-10m\","
                + "\"account_id\":\"" + account + "\"}")).isEqualTo(only(everyFace, annaFace, carlaFace, doraFace));
        assertThat(faces(account, probe, "{\"origin\":\"faces\",\"face_ids\":[\"" + foreign + "\"]}")).isEmpty();
        assertThat(faces(other, probe, "{\"origin\":\"faces\"}")).extracting(Candidate::id)
                .containsExactly(foreign.toString());

        // targets of streamed faces are read like the gallery's
        JsonNode best = match(account, probe, "{\"origin\":\"faces\",\"user_data\":\"vip\"}",
                ",\"targets\":[\"face_id\",\"external_id\",\"user_data\"]").json().get(0).get("matches").get(0)
                .get("candidates").get(0);
        assertThat(best.get("face").get("external_id").asString()).isEqualTo("anna");
        assertThat(best.get("face").get("user_data").asString()).isEqualTo("vip anna");
        assertThat(best.has("similarity")).isFalse();

        // another account's list, asked with extra filters, answers faces-service's 404
        HttpProbe.Answer foreignList = match(other, probe, "{" + listFilter + ",\"user_data\":\"vip\"}", "");
        assertThat(foreignList.status()).isEqualTo(404);
        assertLunaError(foreignList, 22003);
        assertThat(foreignList.text()).doesNotContain(annaFace.toString());
    }

    @Test
    void aStreamLargerThanTheBoundIsRefused() {
        UUID account = UUID.randomUUID();
        for (int i = 0; i <= MAX_STREAMED; i++) {
            createFace(account, person(), "crowd" + i, "crowd", null);
        }
        HttpProbe.Answer tooMany = match(account, sdkReference(person()), "{\"origin\":\"faces\"}", "");
        assertThat(tooMany.status()).isEqualTo(400);
        assertLunaError(tooMany, 15009);
        assertThat(faces(account, sdkReference(person()), "{\"origin\":\"faces\",\"external_ids\":[\"crowd1\"]}"))
                .hasSize(1);
    }

    @Test
    void attributesOriginMatchesTheCallersTemporaryAttributesOnly() {
        UUID account = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        float[] emil = person();
        UUID close = createAttribute(account, samePerson(emil, 0.3f));
        UUID far = createAttribute(account, person());
        UUID foreign = createAttribute(other, emil);
        String ids = "[\"" + close + "\",\"" + far + "\",\"" + foreign + "\",\"" + UUID.randomUUID() + "\"]";
        HttpProbe.Answer answer = match(account, sdkReference(emil), "{\"origin\":\"attributes\",\"attribute_ids\":"
                + ids + "}", ",\"targets\":[\"attribute_id\",\"similarity\",\"expiry_time\"]");
        List<Candidate> found = candidates(answer, "attribute");
        assertThat(found).extracting(Candidate::id).containsExactly(close.toString(), far.toString());
        assertThat(found.get(0).similarity()).isGreaterThan(0.9);
        assertThat(answer.json().get(0).get("matches").get(0).get("candidates").get(0).get("attribute")
                .has("expiry_time")).isTrue();
        assertThat(answer.json().get(0).get("matches").get(0).get("candidates").toString())
                .doesNotContain(foreign.toString()); // (the echoed filters do hold it)
        // the other account sees its own attribute only
        assertThat(candidates(match(other, sdkReference(emil), "{\"origin\":\"attributes\",\"attribute_ids\":" + ids
                + "}", ""), "attribute")).extracting(Candidate::id).containsExactly(foreign.toString());
        // an attribute as reference against faces: the caller's own only
        UUID list = createList(account);
        UUID emilFace = createFace(account, emil, "emil", "", list);
        assertThat(gallery(account, "{\"type\":\"attribute\",\"id\":\"" + close + "\"}", list, 1).getFirst().id())
                .isEqualTo(emilFace.toString());
        HttpProbe.Answer foreignReference = match(account, "{\"type\":\"attribute\",\"id\":\"" + foreign + "\"}",
                "{\"origin\":\"faces\",\"list_id\":\"" + list + "\"}", "");
        assertThat(foreignReference.status()).isEqualTo(404);
    }

    @Test
    void eventsOriginAndEventReferences() {
        UUID account = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        UUID door = UUID.randomUUID();
        UUID exit = UUID.randomUUID();
        float[] fred = person();
        UUID atDoor = createEvent(account, door, "cam-door", "entry", samePerson(fred, 0.3f));
        UUID atExit = createEvent(account, exit, "cam-exit", "leave", samePerson(fred, 0.8f));
        UUID noDescriptor = createEvent(account, door, "cam-door", "entry", null);
        UUID foreign = createEvent(other, door, "cam-door", "entry", fred);
        String probe = sdkReference(fred);

        List<Candidate> every = candidates(match(account, probe, "{\"origin\":\"events\"}", ""), "event");
        assertThat(every).extracting(Candidate::id).containsExactly(atDoor.toString(), atExit.toString());
        assertThat(candidates(match(account, probe, "{\"origin\":\"events\",\"handler_ids\":[\"" + door + "\"]}", ""),
                "event")).isEqualTo(every.subList(0, 1));
        assertThat(candidates(match(account, probe, "{\"origin\":\"events\",\"sources\":[\"cam-exit\"]}", ""),
                "event")).isEqualTo(every.subList(1, 2));
        assertThat(candidates(match(account, probe, "{\"origin\":\"events\",\"tags\":[\"entry\"],"
                + "\"create_time__gte\":\"now-1h\"}", ""), "event")).isEqualTo(every.subList(0, 1));
        assertThat(candidates(match(account, probe, "{\"origin\":\"events\",\"create_time__lt\":\"now-1h\"}", ""),
                "event")).isEmpty();
        assertThat(candidates(match(account, probe, "{\"origin\":\"events\",\"event_ids\":[\"" + foreign + "\",\""
                + atExit + "\",\"" + noDescriptor + "\"]}", ""), "event")).isEqualTo(every.subList(1, 2));
        assertThat(candidates(match(other, probe, "{\"origin\":\"events\"}", ""), "event"))
                .extracting(Candidate::id).containsExactly(foreign.toString());

        HttpProbe.Answer withTargets = match(account, probe, "{\"origin\":\"events\"}",
                ",\"targets\":[\"event_id\",\"similarity\",\"source\",\"handler_id\"]");
        JsonNode best = withTargets.json().get(0).get("matches").get(0).get("candidates").get(0);
        assertThat(best.get("event").get("source").asString()).isEqualTo("cam-door");
        assertThat(best.get("event").get("handler_id").asString()).isEqualTo(door.toString());
        assertThat(best.get("similarity").asDouble()).isGreaterThan(0.9);

        // a bad event filter is the owner's 400
        HttpProbe.Answer badFilter = match(account, probe, "{\"origin\":\"events\",\"handler_ids\":[\"nope\"]}", "");
        assertThat(badFilter.status()).isEqualTo(400);
        assertThat(badFilter.text()).contains("handler_ids");
        assertThat(match(account, probe, "{\"origin\":\"events\",\"no_such_filter\":\"x\"}", "").status())
                .isEqualTo(400);

        // event references: the caller's event's descriptor; another account's is not found
        UUID list = createList(account);
        UUID fredFace = createFace(account, fred, "fred", "", list);
        String byEvent = "{\"type\":\"event\",\"id\":\"" + atDoor + "\"}";
        assertThat(gallery(account, byEvent, list, 1).getFirst().id()).isEqualTo(fredFace.toString());
        List<Candidate> eventToEvents = candidates(match(account, byEvent, "{\"origin\":\"events\"}", ""), "event");
        assertThat(eventToEvents.getFirst().id()).isEqualTo(atDoor.toString());
        assertThat(eventToEvents.getFirst().similarity()).isGreaterThan(0.99);
        HttpProbe.Answer foreignEvent = match(account, "{\"type\":\"event\",\"id\":\"" + foreign + "\"}",
                "{\"origin\":\"faces\",\"list_id\":\"" + list + "\"}", "");
        assertThat(foreignEvent.status()).isEqualTo(404);
        assertLunaError(foreignEvent, 23001);
        assertThat(match(account, "{\"type\":\"event\",\"id\":\"" + UUID.randomUUID() + "\"}",
                "{\"origin\":\"events\"}", "").status()).isEqualTo(404);
        HttpProbe.Answer withoutDescriptor = match(account, "{\"type\":\"event\",\"id\":\"" + noDescriptor + "\"}",
                "{\"origin\":\"events\"}", "");
        assertThat(withoutDescriptor.status()).isEqualTo(400);
        assertLunaError(withoutDescriptor, 15008);
    }

    @Test
    void badInputIsRefused() {
        UUID account = UUID.randomUUID();
        String probe = sdkReference(person());
        assertLunaError(match(account, probe, "{\"origin\":\"bodies\"}", ""), 15006);
        assertLunaError(match(account, probe, "{\"origin\":\"faces\",\"face_ids\":[\"nope\"]}", ""), 102);
        assertLunaError(match(account, probe, "{\"origin\":\"faces\",\"create_time__gte\":\"soon\"}", ""), 102);
        HttpProbe.Answer otherAccount = match(account, probe, "{\"origin\":\"faces\",\"account_id\":\""
                + UUID.randomUUID() + "\"}", "");
        assertThat(otherAccount.status()).isEqualTo(403);
        float[] v = person();
        HttpProbe.Answer version = match(account, "{\"type\":\"raw_descriptor\",\"id\":\"r\",\"data\":\"" + raw(v)
                + "\",\"descriptor_version\":59}", "{\"origin\":\"faces\"}", "");
        assertThat(version.status()).isEqualTo(400);
        assertLunaError(version, 12050);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
