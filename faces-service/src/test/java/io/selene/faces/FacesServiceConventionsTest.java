package io.selene.faces;

import java.util.Set;

import io.selene.testsupport.ServiceConventionsTest;
import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class FacesServiceConventionsTest extends ServiceConventionsTest {

    @Override
    protected int expectedApiVersion() {
        return 3;
    }

    @Override
    protected Set<String> expectedHealthChecks() {
        return Set.of("postgres", "redis");
    }

    @Override
    protected String expectedSchema() {
        return "faces";
    }
}
