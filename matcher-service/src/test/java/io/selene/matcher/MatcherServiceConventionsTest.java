package io.selene.matcher;

import java.util.Set;

import io.selene.testsupport.ServiceConventionsTest;
import org.springframework.boot.test.context.SpringBootTest;

// faces-service does not run here: the face index is tested with it in platform-launcher (matcher/).
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "selene.matcher.face-index.enabled=false")
class MatcherServiceConventionsTest extends ServiceConventionsTest {

    @Override
    protected int expectedApiVersion() {
        return 1;
    }

    @Override
    protected Set<String> expectedHealthChecks() {
        return Set.of("redis", "face-index");
    }

    @Override
    protected String expectedSchema() {
        return null;
    }
}
