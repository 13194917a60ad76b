package io.selene.commons.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;

import io.selene.commons.error.LunaException;
import jakarta.validation.Validation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/** One wording for every refused body field, by the object reader and the record binder alike. */
class JsonFieldsTest {

    private final JsonMapper mapper = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build();
    private final StrictJson strict = new StrictJson(mapper,
            Validation.buildDefaultValidatorFactory().getValidator());

    record Location(String city, Double latitude) {
    }

    record Event(UUID streamId, List<Location> locations, int count) {
    }

    record Camera(@NotNull(message = "is required") @Size(min = 1, max = 8,
            message = "must be {min}..{max} characters long") String streamName) {
    }

    record Site(@Valid List<Camera> cameras) {
    }

    private JsonNode json(String text) {
        return mapper.readTree(text.replace('\'', '"'));
    }

    private static String refusal(Runnable read) {
        try {
            read.run();
        } catch (LunaException e) {
            assertThat(e.errorCode()).isEqualTo(102);
            assertThat(e.status().value()).isEqualTo(400);
            return e.detail();
        }
        throw new AssertionError("not refused");
    }

    @Test
    void theReaderNamesEachFieldByItsPath() {
        JsonFields body = JsonFields.body(json("{'policy': {'limit': 0, 'flag': 2, 'x': 1}}"));
        JsonFields policy = body.object("policy");
        assertThat(refusal(() -> policy.integer("limit", 3, 1, 10)))
                .isEqualTo("Bad field 'policy.limit': must be an integer in 1..10");
        assertThat(refusal(() -> policy.flag("flag", 0))).isEqualTo("Bad field 'policy.flag': must be 0 or 1");
        assertThat(refusal(policy::finish)).isEqualTo("Bad field 'policy.x': unknown field; allowed: [limit, flag]");
        assertThat(refusal(() -> JsonFields.body(json("[1]")))).isEqualTo("Bad field 'body': must be a JSON object");
    }

    @Test
    void theBinderUsesTheSameWordingWithTheFieldsPath() {
        assertThat(refusal(() -> strict.read(json("{'stream_id': 'cam-1'}"), Event.class)))
                .startsWith("Bad field 'stream_id': ");
        assertThat(refusal(() -> strict.read(json("{'locations': [{'city': 'Riga'}, {'colour': 'red'}]}"),
                Event.class))).isEqualTo("Bad field 'locations[1].colour': unknown field");
        assertThat(refusal(() -> strict.read(json("{'count': null}"), Event.class))).startsWith("Bad field 'count': ");
        assertThat(strict.read(json("{'locations': [{'city': 'Riga', 'latitude': 56.9}], 'count': 2}"), Event.class))
                .isEqualTo(new Event(null, List.of(new Location("Riga", 56.9)), 2));
    }

    @Test
    void nullReadsAsMissingAndRequiredFieldsSaySo() {
        JsonFields body = JsonFields.body(json("{'login': null}"));
        assertThat(body.string("login", "default", 1, 10)).isEqualTo("default");
        assertThat(refusal(() -> body.requiredString("login", 1, 10))).isEqualTo("Bad field 'login': is required");
    }

    @Test
    void choicesListsAndRequiredPartsAreRefusedByTheirPath() {
        JsonFields content = JsonFields.body(json("{'format': 'xml', 'targets': ['a', ''], 'empty': [],"
                + " 'filters': {'b': 1, 'a': 2}}"));
        assertThat(refusal(() -> content.oneOf("format", "csv", List.of("csv", "json"))))
                .isEqualTo("Bad field 'format': must be one of [csv, json]");
        assertThat(content.oneOf("missing", "csv", List.of("csv", "json"))).isEqualTo("csv");
        assertThat(refusal(() -> content.strings("targets", 4, 8)))
                .isEqualTo("Bad field 'targets[1]': must be a string of 1..8 characters");
        assertThat(refusal(() -> content.strings("empty", 4, 8)))
                .isEqualTo("Bad field 'empty': must be an array of 1..4 strings");
        assertThat(content.strings("none", 4, 8)).isNull();
        assertThat(refusal(() -> content.requiredObject("source"))).isEqualTo("Bad field 'source': is required");
        assertThat(content.object("filters").names()).containsExactly("b", "a");
        assertThat(content.object("none").names()).isEmpty();
    }

    @Test
    void constraintsOfTheRecordAreRefusedWithTheSameWordingByTheJsonPath() {
        assertThat(refusal(() -> strict.read(json("{}"), Camera.class)))
                .isEqualTo("Bad field 'stream_name': is required");
        assertThat(refusal(() -> strict.read(json("{'cameras': [{'stream_name': 'a'}, {'stream_name': ''}]}"),
                Site.class))).isEqualTo("Bad field 'cameras[1].stream_name': must be 1..8 characters long");
        assertThat(refusal(() -> strict.read(json("{'stream_name': 'much too long'}"), Camera.class, "cameras[4]")))
                .isEqualTo("Bad field 'cameras[4].stream_name': must be 1..8 characters long");
        assertThat(strict.read(json("{'stream_name': 'gate'}"), Camera.class)).isEqualTo(new Camera("gate"));
    }
}
