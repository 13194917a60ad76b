package io.selene.accounts;

import java.util.Set;

import io.selene.testsupport.ServiceConventionsTest;
import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        AccountsTestSettings.LOGIN_PROPERTY, AccountsTestSettings.PASSWORD_PROPERTY,
        AccountsTestSettings.STRENGTH_PROPERTY})
class AccountsServiceConventionsTest extends ServiceConventionsTest {

    @Override
    protected int expectedApiVersion() {
        return 1;
    }

    @Override
    protected Set<String> expectedHealthChecks() {
        return Set.of("postgres");
    }

    @Override
    protected String expectedSchema() {
        return "accounts";
    }
}
