package io.selene.licenses.license;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import io.selene.commons.license.Feature;
import io.selene.commons.license.LicenseErrors;
import io.selene.commons.license.LicenseTerms;
import tools.jackson.databind.JsonNode;

/**
 * A signed licence file:
 *
 * <pre>{@code
 * {"license": {"license_id": "acme-2026", "licensee": "ACME", "issue_time": "2026-01-01T00:00:00Z",
 *              "expiration_time": "2027-01-01T00:00:00Z", "faces_limit": 500000,
 *              "features": {"liveness": true, "bodies": true, "index": false, "tasks": true}},
 *  "signature": "<base64 of the Ed25519 signature of the canonical JSON of license>"}
 * }</pre>
 *
 * {@code expiration_time} and {@code faces_limit} may be {@code null} (no expiry, no limit); a feature
 * left out is off. Anything else in the file is refused, so every term that applies was signed.
 */
record LicenseDocument(LicenseTerms terms, String canonical, byte[] signature) {

    private static final Set<String> TOP = Set.of("license", "signature");
    private static final Set<String> FIELDS = Set.of("license_id", "licensee", "issue_time", "expiration_time",
            "faces_limit", "features");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    /** Reads and checks the form of a licence file (not its signature): 33005 naming what is wrong. */
    static LicenseDocument parse(JsonNode file) {
        if (file == null || !file.isObject()) {
            throw malformed("the body must be a JSON object {\"license\": {...}, \"signature\": \"...\"}");
        }
        for (String name : file.propertyNames()) {
            if (!TOP.contains(name)) {
                throw malformed("unknown field '" + name + "'; a license file has 'license' and 'signature'");
            }
        }
        JsonNode license = file.get("license");
        JsonNode signature = file.get("signature");
        if (license == null || !license.isObject()) {
            throw malformed("'license' must be an object");
        }
        if (signature == null || !signature.isString()) {
            throw malformed("'signature' must be a base64 string");
        }
        byte[] signatureBytes;
        try {
            signatureBytes = Base64.getDecoder().decode(signature.asString().trim());
        } catch (IllegalArgumentException e) {
            throw malformed("'signature' is not valid base64");
        }
        for (String name : license.propertyNames()) {
            if (!FIELDS.contains(name)) {
                throw malformed("unknown field 'license." + name + "'; known: " + FIELDS);
            }
        }
        String id = text(license, "license_id", 64);
        if (!ID.matcher(id).matches()) {
            throw malformed("'license.license_id' must be 1..64 letters, digits, '.', '_' or '-'");
        }
        String licensee = text(license, "licensee", 256);
        OffsetDateTime issued = time(license, "issue_time", false);
        OffsetDateTime expires = time(license, "expiration_time", true);
        if (expires != null && !expires.isAfter(issued)) {
            throw malformed("'license.expiration_time' must be after 'license.issue_time'");
        }
        Long facesLimit = null;
        JsonNode limit = license.get("faces_limit");
        if (limit != null && !limit.isNull()) {
            if (!limit.isIntegralNumber() || !limit.canConvertToLong() || limit.longValue() < 1) {
                throw malformed("'license.faces_limit' must be a positive integer or null");
            }
            facesLimit = limit.longValue();
        }
        Map<String, Boolean> features = LicenseTerms.all(false);
        JsonNode given = license.get("features");
        if (given != null && !given.isNull()) {
            if (!given.isObject()) {
                throw malformed("'license.features' must be an object {feature: true|false}");
            }
            for (String name : given.propertyNames()) {
                if (!features.containsKey(name)) {
                    throw malformed("unknown feature 'license.features." + name + "'; known: "
                            + List.of(Feature.values()).stream().map(Feature::key).toList());
                }
                if (!given.get(name).isBoolean()) {
                    throw malformed("'license.features." + name + "' must be true or false");
                }
                features.put(name, given.get(name).booleanValue());
            }
        }
        String canonical;
        try {
            canonical = CanonicalJson.of(license);
        } catch (IllegalArgumentException e) {
            throw malformed(e.getMessage());
        }
        return new LicenseDocument(new LicenseTerms(id, licensee, false, issued, expires, facesLimit,
                new LinkedHashMap<>(features)), canonical, signatureBytes);
    }

    /** Whether the signature is the key's over the canonical licence. */
    boolean signedBy(PublicKey key) {
        try {
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(key);
            verifier.update(canonical.getBytes(StandardCharsets.UTF_8));
            return verifier.verify(signature);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    boolean expiredAt(OffsetDateTime now) {
        return terms.expirationTime() != null && !now.isBefore(terms.expirationTime());
    }

    private static String text(JsonNode license, String name, int max) {
        JsonNode value = license.get(name);
        if (value == null || !value.isString() || value.asString().isBlank() || value.asString().length() > max) {
            throw malformed("'license." + name + "' must be a text of 1.." + max + " characters");
        }
        return value.asString();
    }

    private static OffsetDateTime time(JsonNode license, String name, boolean nullable) {
        JsonNode value = license.get(name);
        if (value == null || value.isNull()) {
            if (nullable) {
                return null;
            }
            throw malformed("'license." + name + "' is required");
        }
        try {
            return OffsetDateTime.parse(value.asString());
        } catch (DateTimeParseException e) {
            throw malformed("'license." + name + "' must be an ISO-8601 time with offset, e.g. 2027-01-01T00:00:00Z");
        }
    }

    private static RuntimeException malformed(String detail) {
        return LicenseErrors.MALFORMED.exception(detail);
    }
}
