package io.selene.launcher.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import io.selene.api.routing.PublicRoute;
import io.selene.testsupport.HttpProbe;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/**
 * Another account's resources through {@code /6}, for EVERY route of the routing table: account A
 * creates one resource of each kind, account B (a {@code user}, with its own valid login) then calls
 * every route that names such a resource with A's id and must get 403 or 404, every listing must not
 * show A's resources and refuses {@code account_id=<A>} with 403, every bulk change must leave A's
 * resources alone, and A still finds each resource afterwards.
 *
 * <p>Resources are described once in {@link #CASES} by their path variable ({@code face_id},
 * {@code image_id}, ...). A route of the table with a variable that has no case, or a route that
 * changes data without naming a resource and has no {@link #BULK} attempt, FAILS
 * {@link #everyRouteOfTheTableHasACrossAccountCase}: add the case when adding the route.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrossAccountTest {

    /**
     * How to make one resource as its owner and what a stranger sends to change it.
     *
     * @param name          key of the resource in {@link Actors#owned}
     * @param variable      the path variable naming it
     * @param pathPrefix    routes of this resource start with it ({@code null}: any route with the variable)
     * @param creationRoute the {@code /6} route that makes it, or {@code null} when made another way
     */
    private record ResourceCase(String name, String variable, String pathPrefix, String creationRoute,
            Function<Actors, String> create, String getRoute, String changeBody) {

        boolean covers(PublicRoute route, String routeVariable) {
            return variable.equals(routeVariable) && (pathPrefix == null || route.publicPath().startsWith(pathPrefix));
        }
    }

    /** The two accounts and what A owns so far (by case name). */
    private record Actors(GatewayTestPlatform.Account a, HttpProbe asA, GatewayTestPlatform.Account b, HttpProbe asB,
            Map<String, String> owned, GatewayTestPlatform platform) {
    }

    private static final List<ResourceCase> CASES = List.of(
            new ResourceCase("account", "account_id", null, null, actors -> actors.a().id().toString(),
                    "GET /6/accounts/{account_id}", "{\"description\": \"taken over\"}"),
            new ResourceCase("token", "token_id", null, "POST /6/accounts/tokens",
                    actors -> created(actors.asA().post("/6/accounts/tokens", "{\"permissions\": {\"face\": [\"view\"]}}")),
                    "GET /6/accounts/tokens/{token_id}", "{\"permissions\": {\"face\": [\"view\", \"deletion\"]}}"),
            new ResourceCase("face", "face_id", null, "POST /6/faces",
                    actors -> created(actors.asA().post("/6/faces", "{\"user_data\": \"cross-account\"}")),
                    "GET /6/faces/{face_id}", "{\"user_data\": \"taken over\"}"),
            new ResourceCase("list", "list_id", null, "POST /6/lists",
                    actors -> created(actors.asA().post("/6/lists", "{\"user_data\": \"cross-account\"}")),
                    "GET /6/lists/{list_id}", "{\"user_data\": \"taken over\"}"),
            new ResourceCase("attribute", "attribute_id", null, "POST /6/attributes",
                    actors -> created(actors.asA().post("/6/attributes", "{\"descriptors\": [{\"version\": 201, "
                            + "\"data\": \"" + descriptor() + "\"}], \"basic_attributes\": {\"age\": 38, "
                            + "\"gender\": 1}}")),
                    "GET /6/attributes/{attribute_id}", "{}"),
            new ResourceCase("image", "image_id", null, "POST /6/images",
                    actors -> created(actors.asA().post("/6/images", "image/jpeg", jpeg())),
                    "GET /6/images/{image_id}", null),
            new ResourceCase("object", "object_id", null, "POST /6/objects",
                    actors -> created(actors.asA().post("/6/objects", "{\"note\": \"cross-account\"}")),
                    "GET /6/objects/{object_id}", "{\"note\": \"taken over\"}"),
            // Samples are made by the detector (real models); here A stores one straight in Image Store.
            new ResourceCase("face sample", "sample_id", "/6/samples/faces", null,
                    actors -> internalSample(actors, "face-samples"), "GET /6/samples/faces/{sample_id}", null),
            new ResourceCase("body sample", "sample_id", "/6/samples/bodies", null,
                    actors -> internalSample(actors, "body-samples"), "GET /6/samples/bodies/{sample_id}", null),
            // Events are made by handlers; here A stores one straight in events-service (as a handler would).
            new ResourceCase("event", "event_id", "/6/events", null, CrossAccountTest::internalEvent,
                    "GET /6/events/{event_id}", null),
            new ResourceCase("verifier", "verifier_id", null, "POST /6/verifiers",
                    actors -> created(actors.asA().post("/6/verifiers", "{\"description\": \"cross-account\"}")),
                    "GET /6/verifiers/{verifier_id}", "{\"description\": \"taken over\"}"),
            // Covers the events routes too: B generating events with A's handler is 404.
            new ResourceCase("handler", "handler_id", null, "POST /6/handlers",
                    actors -> created(actors.asA().post("/6/handlers", "{\"description\": \"cross-account\"}")),
                    "GET /6/handlers/{handler_id}", "{\"description\": \"taken over\"}"),
            // A's export of its own face; B's PATCH would cancel it and its DELETE remove it.
            new ResourceCase("task", "task_id", null, "POST /6/tasks/{task_type}",
                    actors -> created(actors.asA().post("/6/tasks/exporter", "{\"description\": \"cross-account\", "
                            + "\"content\": {\"objects_type\": \"faces\", \"filters\": {\"face_ids\": [\""
                            + actors.owned().get("face") + "\"]}}}")),
                    "GET /6/tasks/{task_id}", "{}"),
            new ResourceCase("task error", "error_id", "/6/tasks/errors", null, CrossAccountTest::taskError,
                    "GET /6/tasks/errors/{error_id}", null),
            // A's nightly export of its own face; B's PATCH would stop it and its DELETE remove it.
            new ResourceCase("task schedule", "schedule_id", null, "POST /6/tasks/schedules",
                    actors -> created(actors.asA().post("/6/tasks/schedules", "{\"cron\": \"0 3 * * *\", \"task\": "
                            + "{\"task_type\": \"exporter\", \"description\": \"cross-account\", \"content\": "
                            + "{\"objects_type\": \"faces\", \"filters\": {\"face_ids\": [\""
                            + actors.owned().get("face") + "\"]}}}}")),
                    "GET /6/tasks/schedules/{schedule_id}", "{\"action\": \"stop\"}"),
            // Backport 3 (/4): a person is a face without avatar, a descriptor a face with its sample as avatar
            new ResourceCase("lp3 person", "person_id", "/4/storage/persons", "POST /4/storage/persons",
                    actors -> created(actors.asA().post("/4/storage/persons", "{\"user_data\": \"cross-account\"}")),
                    "GET /4/storage/persons/{person_id}", "{\"user_data\": \"taken over\"}"),
            new ResourceCase("lp4 event", "event_id", "/5/events", null, CrossAccountTest::internalEvent,
                    "GET /5/events/{event_id}", null),
            new ResourceCase("lp3 descriptor", "descriptor_id", "/4/storage/descriptors", null,
                    actors -> created(actors.asA().post("/6/faces", "{\"avatar\": \"/6/samples/faces/"
                            + UUID.randomUUID() + "\", \"descriptors\": [{\"version\": 201, \"data\": \""
                            + descriptor() + "\"}]}")),
                    "GET /4/storage/descriptors/{descriptor_id}", null));

    /** Path variables that name a kind of thing, not a stored resource, and the value the test uses. */
    private static final Map<String, String> KINDS = Map.of("task_type", "exporter");

    /** Routes that change data without naming one resource in the path: what B tries with A's ids. */
    private static final Map<String, Function<Actors, HttpProbe.Answer>> BULK = Map.ofEntries(
            Map.entry("DELETE /6/faces", actors -> actors.asB().send("DELETE", "/6/faces", "application/json",
                    body("{\"face_ids\": [\"" + actors.owned().get("face") + "\"]}"))),
            Map.entry("DELETE /6/lists", actors -> actors.asB().send("DELETE", "/6/lists", "application/json",
                    body("{\"list_ids\": [\"" + actors.owned().get("list") + "\"]}"))),
            Map.entry("DELETE /6/images", actors -> actors.asB().send("DELETE", "/6/images", "application/json",
                    body("{\"image_ids\": [\"" + actors.owned().get("image") + "\"]}"))),
            Map.entry("DELETE /6/objects", actors -> actors.asB().send("DELETE", "/6/objects", "application/json",
                    body("{\"object_ids\": [\"" + actors.owned().get("object") + "\"]}"))),
            Map.entry("POST /6/events/stats", CrossAccountTest::statsOfAnotherAccountsEvent),
            Map.entry("POST /6/matcher/faces", actors -> actors.asB().post("/6/matcher/faces", "{\"references\": [{\"type\": "
                    + "\"face\", \"id\": \"" + actors.owned().get("face") + "\"}], \"candidates\": [{\"filters\": "
                    + "{\"origin\": \"faces\", \"list_id\": \"" + actors.owned().get("list") + "\"}}]}")),
            // the licence is the platform's: a user's install or removal is refused whatever it names
            Map.entry("PUT /6/license", actors -> actors.asB().send("PUT", "/6/license", "application/json",
                    body("{\"license\": {}, \"signature\": \"\"}"))),
            Map.entry("DELETE /6/license", actors -> actors.asB().send("DELETE", "/6/license")),
            Map.entry("PATCH /6/linker", actors -> actors.asB().send("PATCH", "/6/linker", "application/json",
                    body("{\"action\": \"attach\", \"face_ids\": [\"" + actors.owned().get("face")
                            + "\"], \"list_id\": \"" + actors.owned().get("list") + "\"}"))),
            Map.entry("PATCH /5/linker", actors -> actors.asB().send("PATCH", "/5/linker", "application/json",
                    body("{\"action\": \"detach\", \"face_ids\": [\"" + actors.owned().get("face")
                            + "\"], \"list_id\": \"" + actors.owned().get("list") + "\"}"))),
            Map.entry("POST /5/matcher", actors -> actors.asB().post("/5/matcher", "{\"references\": [{\"type\": "
                    + "\"face\", \"id\": \"" + actors.owned().get("face") + "\"}], \"candidates\": [{\"filters\": "
                    + "{\"origin\": \"faces\", \"list_id\": \"" + actors.owned().get("list") + "\"}}]}")),
            // LP3 matching: B's own descriptor would do; A's descriptor as the reference or A's list, persons as candidates
            Map.entry("POST /4/matching/search", actors -> actors.asB().post("/4/matching/search?descriptor_id="
                    + actors.owned().get("lp3 descriptor") + "&list_id=" + actors.owned().get("list"), "{}")),
            Map.entry("POST /4/matching/match", actors -> actors.asB().post("/4/matching/match?descriptor_id="
                    + actors.owned().get("lp3 descriptor") + "&descriptor_ids=" + actors.owned().get("lp3 descriptor"),
                    "{}")),
            Map.entry("POST /4/matching/identify", actors -> actors.asB().post("/4/matching/identify?descriptor_id="
                    + actors.owned().get("lp3 descriptor") + "&person_ids=" + actors.owned().get("lp3 person"), "{}")),
            Map.entry("POST /4/matching/verify", actors -> actors.asB().post("/4/matching/verify?descriptor_id="
                    + actors.owned().get("lp3 descriptor") + "&person_id=" + actors.owned().get("lp3 person"), "{}")));

    /** Creation routes that take another resource's id in the body: B names A's, which must be refused. */
    private static final Map<String, Function<Actors, HttpProbe.Answer>> REFERENCES = Map.of(
            "POST /6/faces", CrossAccountTest::faceFromAnotherAccountsAttribute,
            "POST /6/tasks/{task_type}", CrossAccountTest::tasksOnAnotherAccountsData,
            // B's schedule of a linker onto A's list: refused when the schedule is made, as a list that does not exist
            "POST /6/tasks/schedules", actors -> actors.asB().post("/6/tasks/schedules", "{\"cron\": \"0 3 * * *\", "
                    + "\"task\": {\"task_type\": \"linker\", \"content\": {\"objects_type\": \"faces\", "
                    + "\"list_id\": \"" + actors.owned().get("list") + "\"}}}"));

    /** Bodies for routes whose service checks the body before the owner: a valid one, so only ownership can refuse. */
    private static final Map<String, String> BODIES = Map.of(
            "PUT /6/faces/{face_id}/attributes", "{\"basic_attributes\": {\"age\": 99, \"gender\": 0}}",
            "PATCH /6/faces/{face_id}/attributes", "{\"basic_attributes\": {\"age\": 99, \"gender\": 0}}",
            "POST /6/handlers/{handler_id}/events", "{\"images\": [{\"image\": \""
                    + Base64.getEncoder().encodeToString(jpeg()) + "\"}]}",
            "POST /6/handlers/{handler_id}/events/raw", "{\"events\": [{\"source\": \"cross-account\"}]}",
            "POST /5/handlers/{handler_id}/events", "{\"images\": [{\"image\": \""
                    + Base64.getEncoder().encodeToString(jpeg()) + "\"}]}");

    /** Routes that read and store nothing of any account, with the reason. */
    private static final Map<String, String> STATELESS = Map.of(
            "POST /6/sdk", "estimates the posted image only; reads and stores nothing of an account",
            "POST /6/iso", "checks the posted image only; reads and stores nothing of an account",
            "POST /6/matcher/raw", "matches the descriptors posted in the request only; reads nothing stored",
            "POST /6/handlers/validator", "checks the posted policies only; reads and stores nothing",
            "POST /6/liveness", "estimates the posted images only; reads and stores nothing of an account");

    /** B making a face from A's attribute, flat and in LUNA's nested form: the first answer that is not refused. */
    private static HttpProbe.Answer faceFromAnotherAccountsAttribute(Actors actors) {
        if (!actors.owned().containsKey("attribute")) {
            return null;
        }
        String attribute = actors.owned().get("attribute");
        HttpProbe.Answer flat = actors.asB().post("/6/faces", "{\"attribute_id\": \"" + attribute + "\"}");
        if (flat.status() < 400 || flat.status() > 499) {
            return flat;
        }
        return actors.asB().post("/6/faces", "{\"attribute\": {\"attribute_id\": \"" + attribute + "\"}}");
    }

    private static final Pattern VARIABLE = Pattern.compile("\\{([^/}]+)}");

    private GatewayTestPlatform platform;
    private List<PublicRoute> routes;
    private Actors actors;

    @BeforeAll
    void accounts() {
        platform = GatewayTestPlatform.get();
        routes = platform.table().routes();
        GatewayTestPlatform.Account a = platform.account("user");
        GatewayTestPlatform.Account b = platform.account("user");
        actors = new Actors(a, platform.as(a), b, platform.as(b), new LinkedHashMap<>(), platform);
        // Every resource whose routes are in the table, made by A before B tries anything.
        for (ResourceCase resource : CASES) {
            boolean routed = routes.stream().anyMatch(route -> variables(route).stream()
                    .anyMatch(variable -> resource.covers(route, variable)));
            boolean creatable = resource.creationRoute() == null
                    || routes.stream().map(CrossAccountTest::key).anyMatch(resource.creationRoute()::equals);
            if (routed && creatable) {
                actors.owned().put(resource.name(), resource.create().apply(actors));
            }
        }
    }

    private static String key(PublicRoute route) {
        return route.method().name() + " " + route.publicPath();
    }

    private static List<String> variables(PublicRoute route) {
        List<String> names = new ArrayList<>();
        Matcher matcher = VARIABLE.matcher(route.publicPath());
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    /** The variables of a route that name a stored resource (not a kind, see {@link #KINDS}). */
    private static List<String> resourceVariables(PublicRoute route) {
        return variables(route).stream().filter(variable -> !KINDS.containsKey(variable)).toList();
    }

    private static ResourceCase caseOf(PublicRoute route, String variable) {
        return CASES.stream().filter(c -> c.covers(route, variable)).findFirst().orElse(null);
    }

    @Test
    void everyRouteOfTheTableHasACrossAccountCase() {
        List<String> uncovered = new ArrayList<>();
        for (PublicRoute route : routes) {
            List<String> variables = resourceVariables(route);
            for (String variable : variables) {
                ResourceCase resource = caseOf(route, variable);
                if (resource == null) {
                    uncovered.add(key(route) + ": no ResourceCase for {" + variable + "}");
                } else if (resource.creationRoute() != null && routes.stream().map(CrossAccountTest::key)
                        .noneMatch(resource.creationRoute()::equals)) {
                    uncovered.add(key(route) + ": {" + variable + "} has no creation route "
                            + resource.creationRoute() + " in the table to make A's resource");
                }
            }
            boolean creation = route.permission().action().equals("creation");
            boolean reading = route.method().name().equals("GET") || route.method().name().equals("HEAD");
            if (variables.isEmpty() && !reading && !creation && !BULK.containsKey(key(route))
                    && !STATELESS.containsKey(key(route))) {
                uncovered.add(key(route) + ": changes data without naming a resource; add a BULK attempt");
            }
        }
        assertThat(uncovered).as("routes without a cross-account case").isEmpty();
    }

    @TestFactory
    Stream<DynamicTest> anotherAccountIsRefusedOnEveryRoute() {
        return routes.stream().map(route -> DynamicTest.dynamicTest(key(route), () -> refused(route)));
    }

    private void refused(PublicRoute route) {
        List<String> variables = resourceVariables(route);
        String method = route.method().name();
        String concrete = route.publicPath();
        for (Map.Entry<String, String> kind : KINDS.entrySet()) {
            concrete = concrete.replace("{" + kind.getKey() + "}", kind.getValue());
        }
        if (!variables.isEmpty()) {
            String path = concrete;
            for (String variable : variables) {
                String id = actors.owned().get(caseOf(route, variable).name());
                assertThat(id).as("A's resource for {" + variable + "}").isNotNull();
                path = path.replace("{" + variable + "}", id);
            }
            ResourceCase resource = caseOf(route, variables.getLast());
            HttpProbe.Answer answer = switch (method) {
                case "GET", "HEAD", "DELETE" -> actors.asB().send(method, path);
                default -> actors.asB().send(method, path, "application/json", body(BODIES.getOrDefault(key(route),
                        resource.changeBody() == null ? "{}" : resource.changeBody())));
            };
            if (route.permission().action().equals("creation")) {
                // Creating with a chosen id that another account already uses: refused as a conflict.
                assertThat(answer.status()).as("B " + method + " " + path + " → " + answer).isIn(403, 404, 409);
            } else {
                assertThat(answer.status()).as("B " + method + " " + path + " → " + answer).isIn(403, 404);
            }
        } else if (method.equals("GET") || method.equals("HEAD")) {
            HttpProbe.Answer listing = actors.asB().send(method, concrete);
            assertThat(listing.status()).as("B " + key(route) + " → " + listing).isLessThan(500);
            for (String id : actors.owned().values()) {
                if (id.matches("\\d+")) {
                    // a numeric id (tasks, task errors) as any *_id field of the listing
                    assertThat(listing.text()).as("B's " + key(route) + " shows A's " + id)
                            .doesNotContainPattern("\"\\w*_id\":" + id + "[,}]");
                } else {
                    assertThat(listing.text()).as("B's " + key(route) + " shows A's " + id).doesNotContain(id);
                }
            }
            HttpProbe.Answer other = actors.asB().send(method, concrete + "?account_id=" + actors.a().id());
            assertThat(other.status()).as("B " + key(route) + "?account_id=A").isEqualTo(403);
        } else if (BULK.containsKey(key(route))) {
            HttpProbe.Answer answer = BULK.get(key(route)).apply(actors);
            assertThat(answer.status()).as("B " + key(route) + " with A's ids → " + answer).isLessThan(500);
        } else if (REFERENCES.containsKey(key(route))) {
            HttpProbe.Answer answer = REFERENCES.get(key(route)).apply(actors);
            if (answer != null) {
                assertThat(answer.status()).as("B " + key(route) + " naming A's resource → " + answer)
                        .isBetween(400, 499);
            }
        }
        assertAStillHasEverything();
    }

    /** B verifying with its own verifier against A's face: answered as for a face that does not exist, never matched. */
    @Test
    void aVerificationDoesNotReadAnotherAccountsFace() {
        org.junit.jupiter.api.Assumptions.assumeTrue(actors.owned().containsKey("face"));
        String verifier = created(actors.asB().post("/6/verifiers", "{\"description\": \"b's own\"}"));
        HttpProbe.Answer foreign = actors.asB().post("/6/verifiers/" + verifier + "/verifications?face_ids="
                + actors.owned().get("face"), "image/jpeg", jpeg());
        HttpProbe.Answer missing = actors.asB().post("/6/verifiers/" + verifier + "/verifications?face_ids="
                + java.util.UUID.randomUUID(), "image/jpeg", jpeg());
        assertThat(foreign.status()).as(foreign.toString()).isEqualTo(404);
        assertThat(foreign.json().get("error_code")).isEqualTo(missing.json().get("error_code"));
        assertThat(foreign.text()).doesNotContain("similarity");
    }

    private void assertAStillHasEverything() {
        actors.owned().forEach((name, id) -> {
            ResourceCase resource = CASES.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
            String getRoute = resource.getRoute();
            String path = getRoute.substring(getRoute.indexOf(' ') + 1).replace("{" + resource.variable() + "}", id);
            HttpProbe.Answer answer = actors.asA().get(path);
            assertThat(answer.status()).as("A's " + name + " " + id + " after B's attempt: " + answer).isEqualTo(200);
            assertThat(answer.text()).as("A's " + name + " after B's attempt").doesNotContain("taken over");
            if (name.equals("token")) {
                assertThat(answer.json().get("permissions").toString()).isEqualTo("{\"face\":[\"view\"]}");
            }
        });
    }

    /** Id of a created resource: the last segment of its public Location, else the body's {@code *_id}. */
    private static String created(HttpProbe.Answer answer) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        String location = answer.header("Location");
        if (location != null) {
            assertThat(location).as("Location of " + answer).startsWith("/6/");
            return location.substring(location.lastIndexOf('/') + 1);
        }
        for (String field : answer.json().propertyNames()) {
            if (field.endsWith("_id")) {
                return answer.json().get(field).asString();
            }
        }
        throw new AssertionError("no id in " + answer);
    }

    /** A sample A stores straight in Image Store (as the detector would), answered id. */
    private static String internalSample(Actors actors, String bucket) {
        HttpProbe.Answer answer = HttpProbe.internal(actors.platform().port("image-store-service"), actors.a().id())
                .post("/1/buckets/" + bucket + "/images", "image/jpeg", jpeg());
        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        return answer.json().get("image_id").asString();
    }

    /** An event A stores straight in events-service (as a handler would), answered id. */
    private static String internalEvent(Actors actors) {
        HttpProbe.Answer answer = HttpProbe.internal(actors.platform().port("events-service"), actors.a().id())
                .post("/2/events", "{\"events\": [{\"source\": \"cross-account\", \"face_attributes\": "
                        + "{\"basic_attributes\": {\"age\": 41, \"gender\": 1}}}]}");
        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        return answer.json().get("events").get(0).get("event_id").asString();
    }

    /** A task of A that recorded an error: an export with samples of a face whose sample is not stored. */
    private static String taskError(Actors actors) {
        String face = created(actors.asA().post("/6/faces", "{\"user_data\": \"cross-account\", \"sample_ids\": "
                + "[\"" + java.util.UUID.randomUUID() + "\"]}"));
        String task = created(actors.asA().post("/6/tasks/exporter", "{\"content\": {\"objects_type\": \"faces\", "
                + "\"filters\": {\"face_ids\": [\"" + face + "\"]}, \"with_samples\": 1}}"));
        long until = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < until) {
            HttpProbe.Answer errors = actors.asA().get("/6/tasks/" + task + "/errors");
            if (errors.status() == 200 && !errors.json().get("errors").isEmpty()) {
                return errors.json().get("errors").get(0).get("error_id").asString();
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("task " + task + " recorded no error");
    }

    /**
     * B's tasks naming A's data: a linker onto A's list is refused (as a list that does not exist); a gc and an
     * export naming A's face run in B's account only: they select nothing (A still has the face afterwards).
     */
    private static HttpProbe.Answer tasksOnAnotherAccountsData(Actors actors) {
        HttpProbe.Answer linker = actors.asB().post("/6/tasks/linker", "{\"content\": {\"objects_type\": \"faces\", "
                + "\"list_id\": \"" + actors.owned().get("list") + "\"}}");
        assertThat(linker.status()).as("B links onto A's list → " + linker).isEqualTo(400);
        String gc = created(actors.asB().post("/6/tasks/gc", "{\"content\": {\"target\": \"faces\", \"filters\": "
                + "{\"face_ids\": [\"" + actors.owned().get("face") + "\"]}}}"));
        long until = System.currentTimeMillis() + 60_000;
        HttpProbe.Answer view;
        do {
            view = actors.asB().get("/6/tasks/" + gc);
            if (view.json().get("task_status").asInt() == 5) {
                break;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        } while (System.currentTimeMillis() < until);
        assertThat(view.json().get("task_status").asInt()).as(view.toString()).isEqualTo(5);
        HttpProbe.Answer result = actors.asB().get("/6/tasks/" + gc + "/result");
        assertThat(result.json().get("deleted").asInt()).as("B's gc deleted A's face").isZero();
        return linker;
    }

    /** B's statistics over A's event id count nothing, and B cannot ask for A's account. */
    private static HttpProbe.Answer statsOfAnotherAccountsEvent(Actors actors) {
        String targets = "\"targets\": [{\"column\": \"event_id\", \"aggregator\": \"count\"}]";
        HttpProbe.Answer foreign = actors.asB().post("/6/events/stats", "{\"filters\": {\"account_id\": \""
                + actors.a().id() + "\"}, " + targets + "}");
        assertThat(foreign.status()).as("B's stats with account_id=A → " + foreign).isEqualTo(403);
        HttpProbe.Answer answer = actors.asB().post("/6/events/stats", "{\"filters\": {\"event_ids\": [\""
                + actors.owned().get("event") + "\"]}, " + targets + "}");
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(answer.json().get("stats").get("values").get(0).get(0).asLong()).as("B counts A's event").isZero();
        return answer;
    }

    private static byte[] body(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    /** A small real JPEG. */
    private static byte[] jpeg() {
        BufferedImage image = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        graphics.setColor(new Color(200, 120, 40));
        graphics.fillOval(8, 8, 48, 48);
        graphics.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "jpg", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A version-201 descriptor: 512 float32 little-endian, L2-normalised, base64. */
    private static String descriptor() {
        Random random = new Random(7);
        float[] values = new float[512];
        double norm = 0;
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
            norm += values[i] * values[i];
        }
        ByteBuffer buffer = ByteBuffer.allocate(2048).order(ByteOrder.LITTLE_ENDIAN);
        for (float value : values) {
            buffer.putFloat((float) (value / Math.sqrt(norm)));
        }
        return Base64.getEncoder().encodeToString(buffer.array());
    }
}
