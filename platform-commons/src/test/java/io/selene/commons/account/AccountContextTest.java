package io.selene.commons.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import java.util.UUID;

import io.selene.commons.error.LunaException;
import org.junit.jupiter.api.Test;

class AccountContextTest {

    private final UUID own = UUID.randomUUID();
    private final UUID other = UUID.randomUUID();

    @Test
    void accountCallerSeesOnlyItsOwnData() {
        AccountContext user = new AccountContext(own, Visibility.ACCOUNT);
        assertThat(user.readScope(Optional.empty())).contains(own);
        assertThat(user.readScope(Optional.of(own))).contains(own);
        assertThat(user.canSee(own)).isTrue();
        assertThat(user.canSee(other)).isFalse();
        assertThatThrownBy(() -> user.readScope(Optional.of(other)))
                .isInstanceOfSatisfying(LunaException.class, e -> assertThat(e.status().value()).isEqualTo(403));
    }

    @Test
    void allVisibilityReadsWhatItAsksFor() {
        AccountContext advanced = new AccountContext(own, Visibility.ALL);
        assertThat(advanced.readScope(Optional.of(other))).contains(other);
        assertThat(advanced.readScope(Optional.empty())).isEmpty();
        assertThat(advanced.canSee(other)).isTrue();
    }

    @Test
    void noAccountCannotCreateOrReadAsAUser() {
        AccountContext none = new AccountContext(null, Visibility.ACCOUNT);
        assertThatThrownBy(none::requireAccount)
                .isInstanceOfSatisfying(LunaException.class, e -> assertThat(e.errorCode()).isEqualTo(12041));
        assertThatThrownBy(() -> none.readScope(Optional.empty())).isInstanceOf(LunaException.class);
    }
}
