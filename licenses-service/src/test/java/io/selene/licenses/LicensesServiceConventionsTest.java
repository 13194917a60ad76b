package io.selene.licenses;

import java.util.Set;

import io.selene.testsupport.ServiceConventionsTest;
import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LicensesServiceConventionsTest extends ServiceConventionsTest {

    @Override
    protected int expectedApiVersion() {
        return 1;
    }

    @Override
    protected Set<String> expectedHealthChecks() {
        return Set.of("postgres", "license");
    }

    @Override
    protected String expectedSchema() {
        return "licenses";
    }
}
