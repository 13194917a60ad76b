package io.selene.tasks.types.gc;

import static io.selene.commons.json.Reasons.REQUIRED;

import io.selene.commons.json.ZeroOrOne;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.annotation.JsonDeserialize;

/** The {@code content} of a {@code gc} task; {@code filters} are checked by {@link io.selene.tasks.types.Selection}. */
public record GcContent(
        @NotNull(message = REQUIRED) @Pattern(regexp = "events|faces", message = "must be one of [events, faces]")
        String target,
        JsonNode filters,
        @JsonDeserialize(using = ZeroOrOne.class) Boolean removeSamples,
        @JsonDeserialize(using = ZeroOrOne.class) Boolean removeImageOrigins,
        @JsonDeserialize(using = ZeroOrOne.class) Boolean dryRun) {
}
