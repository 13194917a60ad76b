package io.selene.tasks.types.estimator;

import static io.selene.commons.json.Reasons.LENGTH;
import static io.selene.commons.json.Reasons.REQUIRED;
import static io.selene.tasks.types.ContentRules.UUID;
import static io.selene.tasks.types.ContentRules.UUID_REASON;

import java.util.List;
import java.util.Map;

import io.selene.commons.json.ZeroOrOne;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * The {@code content} of an {@code estimator} task. {@code source} is read as the record of its
 * {@code source_type} ({@link #SOURCES}), so each type takes only its own fields; {@code policies} are the
 * handler's (checked by handlers-service when the task runs).
 */
public record EstimatorContent(
        @NotNull(message = REQUIRED) @Pattern(regexp = UUID, message = UUID_REASON) String handlerId,
        JsonNode policies,
        @NotNull(message = REQUIRED) JsonNode source) {

    /** The record of each {@code source_type}. */
    static final Map<String, Class<?>> SOURCES = Map.of("zip", Zip.class, "image_store", ImageStore.class,
            "s3", S3.class, "urls", Urls.class);

    /** A zip archive in Image Store's objects: its id or {@code /6/objects/<id>}. */
    public record Zip(String sourceType,
            @NotNull(message = "is required: the object id of the archive")
            @Size(min = 1, max = 256, message = LENGTH) String reference) {
    }

    /** The account's images of an Image Store bucket whose ids start with {@code prefix}. */
    public record ImageStore(String sourceType,
            @Size(min = 1, max = 63, message = LENGTH) String bucket,
            @Size(max = 128, message = LENGTH) @Pattern(regexp = "[A-Za-z0-9_-]*", message = "image ids are A-Z a-z "
                    + "0-9 _ -") String prefix) {
    }

    /** An S3 prefix; {@code endpoint} and {@code bucket} are both needed (checked by the task). */
    public record S3(String sourceType,
            @Size(min = 1, max = 256, message = LENGTH) String endpoint,
            @Size(min = 1, max = 63, message = LENGTH) String bucket,
            @Size(max = 1024, message = LENGTH) String prefix,
            @Size(max = 64, message = LENGTH) String region,
            @Size(max = 256, message = LENGTH) String accessKey,
            @Size(max = 256, message = LENGTH) String secretKey,
            @JsonDeserialize(using = ZeroOrOne.class) Boolean recursive) {
    }

    /** Image URLs (hosts allowed by the settings only, checked by {@link ImageSources}). */
    public record Urls(String sourceType,
            @NotNull(message = "is required: 1..1000 URLs")
            @Size(min = 1, max = 1000, message = "must be an array of {min}..{max} strings")
            List<@NotNull(message = URL) @Size(min = 1, max = 2048, message = URL) String> urls) {

        static final String URL = "must be a string of 1..2048 characters";
    }
}
