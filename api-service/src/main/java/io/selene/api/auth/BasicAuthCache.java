package io.selene.api.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * Recently verified {@code Authorization: Basic} headers, so not every request pays a BCrypt check in
 * Accounts. Keyed on a salted SHA-256 of the header (the password is never kept), valid for
 * {@code selene.gateway.basic-auth-cache-ttl}. A password change or account deletion through this
 * gateway drops the account's entries at once; one made elsewhere takes effect within the TTL.
 */
@Component
public class BasicAuthCache {

    private record Entry(Principal principal, long expiresAt) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final byte[] salt = new byte[16];
    private final long ttlNanos;
    private final int maxSize;

    public BasicAuthCache(GatewaySettings settings) {
        new SecureRandom().nextBytes(salt);
        this.ttlNanos = settings.basicAuthCacheTtl().toNanos();
        this.maxSize = settings.basicAuthCacheSize();
    }

    public Principal get(String header) {
        if (ttlNanos <= 0) {
            return null;
        }
        String key = key(header);
        Entry entry = entries.get(key);
        if (entry == null) {
            return null;
        }
        if (System.nanoTime() - entry.expiresAt() > 0) {
            entries.remove(key, entry);
            return null;
        }
        return entry.principal();
    }

    public void put(String header, Principal principal) {
        if (ttlNanos <= 0) {
            return;
        }
        if (entries.size() >= maxSize) {
            long now = System.nanoTime();
            entries.values().removeIf(entry -> now - entry.expiresAt() > 0);
            if (entries.size() >= maxSize) {
                entries.clear();
            }
        }
        entries.put(key(header), new Entry(principal, System.nanoTime() + ttlNanos));
    }

    /** Forgets every cached login of an account (its password, type or existence changed). */
    public void evictAccount(UUID accountId) {
        entries.values().removeIf(entry -> entry.principal().accountId().equals(accountId));
    }

    private String key(String header) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(salt);
            return HexFormat.of().formatHex(digest.digest(header.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
