package io.selene.api.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.UUID;

import io.selene.commons.account.Visibility;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

class GatewayRequestTest {

    @Test
    void outsideSeleneHeadersAreInvisibleAndTheResolvedAccountIsShown() {
        MockHttpServletRequest outside = new MockHttpServletRequest("GET", "/6/faces");
        outside.addHeader("X-Selene-Account-Id", "00000000-0000-0000-0000-000000000001");
        outside.addHeader("x-selene-visibility", "all");
        outside.addHeader("X-Selene-Internal-Secret", "guess");
        outside.addHeader("Accept", "application/json");
        GatewayRequest request = new GatewayRequest(outside);

        assertThat(request.getHeader("X-Selene-Account-Id")).isNull();
        assertThat(request.getHeader("X-SELENE-VISIBILITY")).isNull();
        assertThat(request.getHeaders("X-Selene-Internal-Secret").hasMoreElements()).isFalse();
        assertThat(Collections.list(request.getHeaderNames())).containsExactly("Accept");
        assertThat(request.getHeader("Accept")).isEqualTo("application/json");

        UUID account = UUID.randomUUID();
        request.resolve(account, Visibility.ACCOUNT);
        assertThat(request.getHeader("X-Selene-Account-Id")).isEqualTo(account.toString());
        assertThat(request.getHeader("X-Selene-Visibility")).isEqualTo("account");
        assertThat(request.getHeader("X-Selene-Internal-Secret")).isNull();
    }

    @Test
    void accountIdQueryOfAnotherAccountIsRefused() {
        UUID own = UUID.randomUUID();
        AuthenticationFilter.refuseOtherAccount("page=1&account_id=" + own, own);
        AuthenticationFilter.refuseOtherAccount(null, own);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> AuthenticationFilter.refuseOtherAccount(
                        "account_id=" + UUID.randomUUID(), own))
                .hasMessageContaining("12042");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> AuthenticationFilter.refuseOtherAccount(
                        "account%5Fid=" + UUID.randomUUID(), own))
                .hasMessageContaining("12042");
    }
}
