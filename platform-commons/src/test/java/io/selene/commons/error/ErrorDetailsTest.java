package io.selene.commons.error;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ErrorDetailsTest {

    @Test
    void javaTypesAndParserTokensBecomeJsonWords() {
        assertThat(ErrorDetails.clean("Cannot deserialize value of type `io.selene.events.events.EventController$StatsRequest`"
                + " from Array value (token `JsonToken.START_ARRAY`)"))
                .isEqualTo("Cannot deserialize value of type object from Array value (token an array)");
        assertThat(ErrorDetails.clean("Cannot deserialize value of type `java.util.List<java.lang.String>` from "
                + "Object value (token `JsonToken.START_OBJECT`)"))
                .isEqualTo("Cannot deserialize value of type array from Object value (token an object)");
        assertThat(ErrorDetails.clean("value of type `java.lang.Integer` from String \"x\""))
                .isEqualTo("value of type integer from String \"x\"");
    }

    @Test
    void plainDetailsStayAsTheyAre() {
        assertThat(ErrorDetails.clean("Bad field 'user_data': must be at most 128 characters; see e.g. a.jpg"))
                .isEqualTo("Bad field 'user_data': must be at most 128 characters; see e.g. a.jpg");
        assertThat(ErrorDetails.clean("line\nbreak")).isEqualTo("line break");
    }
}
