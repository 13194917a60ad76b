package io.selene.tasks.types.linker;

import static io.selene.commons.json.Reasons.LENGTH;
import static io.selene.tasks.types.ContentRules.OBJECTS;
import static io.selene.tasks.types.ContentRules.OBJECTS_REASON;
import static io.selene.tasks.types.ContentRules.UUID;
import static io.selene.tasks.types.ContentRules.UUID_REASON;

import io.selene.commons.json.ZeroOrOne;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.annotation.JsonDeserialize;

/** The {@code content} of a {@code linker} task: a list, or {@code create_list: 1} with its data. */
public record LinkerContent(
        @Pattern(regexp = OBJECTS, message = OBJECTS_REASON) String objectsType,
        JsonNode filters,
        @Pattern(regexp = UUID, message = UUID_REASON) String listId,
        @JsonDeserialize(using = ZeroOrOne.class) Boolean createList,
        @Valid ListData listData) {

    /** The new list's data. */
    public record ListData(@Size(max = 128, message = LENGTH) String userData) {
    }
}
