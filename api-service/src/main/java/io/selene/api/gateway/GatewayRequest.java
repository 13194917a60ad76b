package io.selene.api.gateway;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import io.selene.commons.PlatformHeaders;
import io.selene.commons.account.Visibility;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

/**
 * An incoming request as the rest of the gateway sees it: every {@code X-Selene-*} header a caller sent
 * is gone, and once authentication has resolved the account, {@code X-Selene-Account-Id} and
 * {@code X-Selene-Visibility} read as the resolved values. Internal clients and metrics read these
 * headers, so nothing an outsider sends can pose as an account.
 */
public final class GatewayRequest extends HttpServletRequestWrapper {

    private static final String INTERNAL_PREFIX = "x-selene-";

    private volatile String accountId;
    private volatile String visibility;

    public GatewayRequest(HttpServletRequest request) {
        super(request);
    }

    public void resolve(UUID account, Visibility scope) {
        this.accountId = account.toString();
        this.visibility = scope.header();
    }

    private static boolean internal(String name) {
        return name != null && name.toLowerCase(Locale.ROOT).startsWith(INTERNAL_PREFIX);
    }

    private String resolved(String name) {
        if (PlatformHeaders.ACCOUNT_ID.equalsIgnoreCase(name)) {
            return accountId;
        }
        if (PlatformHeaders.VISIBILITY.equalsIgnoreCase(name)) {
            return visibility;
        }
        return null;
    }

    @Override
    public String getHeader(String name) {
        return internal(name) ? resolved(name) : super.getHeader(name);
    }

    @Override
    public Enumeration<String> getHeaders(String name) {
        if (!internal(name)) {
            return super.getHeaders(name);
        }
        String value = resolved(name);
        return value == null ? Collections.emptyEnumeration() : Collections.enumeration(List.of(value));
    }

    @Override
    public Enumeration<String> getHeaderNames() {
        List<String> names = new ArrayList<>();
        Enumeration<String> all = super.getHeaderNames();
        while (all != null && all.hasMoreElements()) {
            String name = all.nextElement();
            if (!internal(name)) {
                names.add(name);
            }
        }
        if (accountId != null) {
            names.add(PlatformHeaders.ACCOUNT_ID);
            names.add(PlatformHeaders.VISIBILITY);
        }
        return Collections.enumeration(names);
    }
}
