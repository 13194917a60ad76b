package io.selene.commons.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.json.JsonMapper;

class FiniteNumbersTest {

    record Body(Double threshold, double weight, Float ratio) {
    }

    private final JsonMapper json = JsonMapper.builder().addModule(FiniteNumbers.module()).build();

    @Test
    void numbersAreRead() {
        Body body = json.readValue("{\"threshold\": 0.5, \"weight\": 2, \"ratio\": 1e-3}", Body.class);
        assertThat(body).isEqualTo(new Body(0.5, 2.0, 1e-3f));
        assertThat(json.readValue("{\"threshold\": null}", Body.class).threshold()).isNull();
    }

    @Test
    void nanInfinityStringsAndOverflowsAreRefusedWithTheField() {
        for (String bad : new String[] {"{\"threshold\": \"NaN\"}", "{\"threshold\": \"Infinity\"}",
                "{\"threshold\": \"0.5\"}", "{\"weight\": \"-Infinity\"}", "{\"ratio\": 1e300}", "{\"threshold\": 1e999}"}) {
            assertThatThrownBy(() -> json.readValue(bad, Body.class)).as(bad).isInstanceOf(DatabindException.class)
                    .hasMessageContaining("number");
        }
    }
}
