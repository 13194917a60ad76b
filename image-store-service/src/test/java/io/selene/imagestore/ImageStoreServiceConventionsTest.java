package io.selene.imagestore;

import java.util.Set;

import io.selene.testsupport.ServiceConventionsTest;
import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "selene.image-store.root=target/conventions-image-store")
class ImageStoreServiceConventionsTest extends ServiceConventionsTest {

    @Override
    protected int expectedApiVersion() {
        return 1;
    }

    @Override
    protected Set<String> expectedHealthChecks() {
        return Set.of("local-storage");
    }

    @Override
    protected String expectedSchema() {
        return null;
    }
}
