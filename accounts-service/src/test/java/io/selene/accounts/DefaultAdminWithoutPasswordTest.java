package io.selene.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import io.selene.testsupport.TestInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

/** Without SELENE_ADMIN_PASSWORD no admin is made: there is no built-in password. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "selene.accounts.admin.login=unset-admin@selene.test", "selene.accounts.admin.password=",
        AccountsTestSettings.STRENGTH_PROPERTY})
class DefaultAdminWithoutPasswordTest {

    @Test
    void noAccountIsCreatedWithoutAPassword() throws SQLException {
        try (Connection connection = TestInfrastructure.get().connect();
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT count(*) FROM accounts.accounts WHERE login = ?")) {
            statement.setString(1, "unset-admin@selene.test");
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                assertThat(row.getInt(1)).isZero();
            }
        }
    }
}
