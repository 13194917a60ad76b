package io.selene.api;

import java.util.Set;

import io.selene.testsupport.ServiceConventionsTest;
import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ApiServiceConventionsTest extends ServiceConventionsTest {

    @Override
    protected int expectedApiVersion() {
        return 6;
    }

    @Override
    protected Set<String> expectedHealthChecks() {
        return Set.of("redis"); // login attempts are counted there
    }

    @Override
    protected boolean requiresInternalSecret() {
        return false;
    }

    @Override
    protected String documentedPath() {
        return "/6/faces";
    }

    @Override
    protected String expectedSchema() {
        return null;
    }
}
