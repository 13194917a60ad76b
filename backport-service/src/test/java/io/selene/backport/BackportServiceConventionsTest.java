package io.selene.backport;

import java.util.Set;

import io.selene.testsupport.ServiceConventionsTest;
import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BackportServiceConventionsTest extends ServiceConventionsTest {

    @Override
    protected int expectedApiVersion() {
        return 4;
    }

    @Override
    protected Set<String> expectedHealthChecks() {
        return Set.of();
    }

    @Override
    protected String expectedSchema() {
        return null;
    }
}
