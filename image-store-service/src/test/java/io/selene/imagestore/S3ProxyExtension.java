package io.selene.imagestore;

import io.selene.testsupport.S3ProxyServer;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts one S3Proxy for the whole test run (kept in the root store, so JUnit closes it, and the
 * process stops, when the run ends). Test classes read its endpoint from {@link #current()}.
 */
public class S3ProxyExtension implements BeforeAllCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(S3ProxyExtension.class);

    // Read by @DynamicPropertySource methods, which are static and see no extension context.
    private static volatile S3ProxyServer current;

    /** The server started for this test run. */
    public static S3ProxyServer current() {
        if (current == null) {
            throw new IllegalStateException("S3Proxy is not running: annotate the test with @ExtendWith(S3ProxyExtension.class)");
        }
        return current;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        current = context.getRoot().getStore(NAMESPACE)
                .computeIfAbsent("s3proxy", key -> S3ProxyServer.start(), S3ProxyServer.class);
    }
}
