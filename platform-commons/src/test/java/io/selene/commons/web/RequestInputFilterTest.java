package io.selene.commons.web;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.selene.commons.error.LunaException;
import org.junit.jupiter.api.Test;

class RequestInputFilterTest {

    @Test
    void wellFormedQueriesPass() {
        assertThatCode(() -> RequestInputFilter.checkQuery("user_data=caf%C3%A9+bar&page=2&flag&=x&a=%25"))
                .doesNotThrowAnyException();
    }

    @Test
    void brokenPercentEncodingAndNulAreRefusedNamingTheParameter() {
        assertThatThrownBy(() -> RequestInputFilter.checkQuery("page=1&user_data=%G1")).isInstanceOf(LunaException.class)
                .hasMessageContaining("12045").hasMessageContaining("'user_data'");
        assertThatThrownBy(() -> RequestInputFilter.checkQuery("user_data=%FF")).hasMessageContaining("not UTF-8");
        assertThatThrownBy(() -> RequestInputFilter.checkQuery("user_data=%4")).hasMessageContaining("two hex digits");
        assertThatThrownBy(() -> RequestInputFilter.checkQuery("user_data=a%00")).hasMessageContaining("12044")
                .hasMessageContaining("'user_data'");
        assertThatThrownBy(() -> RequestInputFilter.checkQuery("a%00b=1")).hasMessageContaining("'a\\u0000b'");
    }
}
