package io.selene.commons.error;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The LUNA error body: {@code {"error_code", "desc", "detail", "link"}}. */
public record ErrorBody(
        @JsonProperty("error_code") int errorCode,
        @JsonProperty("desc") String desc,
        @JsonProperty("detail") String detail,
        @JsonProperty("link") String link) {
}
