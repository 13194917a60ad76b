package io.selene.imagestore;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts one S3Proxy for the whole test run (kept in the root store, so JUnit closes it, and the
 * process stops, when the run ends). Test classes read its endpoint from {@link S3ProxyServer#current()}.
 */
public class S3ProxyExtension implements BeforeAllCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(S3ProxyExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(NAMESPACE)
                .computeIfAbsent("s3proxy", key -> S3ProxyServer.start(), S3ProxyServer.class);
    }
}
