package io.selene.commons.license;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The terms in force: an uploaded, signed licence, or the built-in community licence when none is
 * uploaded (or the uploaded one has expired). JSON as {@code GET /1/license} answers it (snake_case).
 *
 * @param licenseId      the licence's id ({@code community} for the built-in one)
 * @param community      whether these are the built-in community terms
 * @param expirationTime {@code null}: never expires
 * @param facesLimit     faces with attributes allowed; {@code null}: no limit. Creation stops past 110 %.
 * @param features       feature name ({@link Feature#key()}) → licensed
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record LicenseTerms(
        @JsonProperty("license_id") String licenseId,
        @JsonProperty("licensee") String licensee,
        @JsonProperty("community") boolean community,
        @JsonProperty("issue_time") OffsetDateTime issueTime,
        @JsonProperty("expiration_time") OffsetDateTime expirationTime,
        @JsonProperty("faces_limit") Long facesLimit,
        @JsonProperty("features") Map<String, Boolean> features) {

    /** Faces may be created (given attributes) up to this share of the limit, as in LUNA. */
    public static final double HARD_LIMIT_SHARE = 1.10;

    /** Faces with attributes the community licence allows. */
    public static final long COMMUNITY_FACES_LIMIT = 1_000_000;

    /**
     * The built-in community licence: no expiry, every feature, up to {@value #COMMUNITY_FACES_LIMIT}
     * faces with attributes (creation stops at 1 100 000).
     */
    public static final LicenseTerms COMMUNITY = new LicenseTerms("community", "Selene community licence", true,
            null, null, COMMUNITY_FACES_LIMIT, all(true));

    public LicenseTerms {
        // in Feature order, then any other name (from a newer licence format) as given
        Map<String, Boolean> ordered = new LinkedHashMap<>();
        Map<String, Boolean> given = features == null ? Map.of() : features;
        Arrays.stream(Feature.values()).filter(f -> given.containsKey(f.key()))
                .forEach(f -> ordered.put(f.key(), given.get(f.key())));
        given.forEach(ordered::putIfAbsent);
        features = Collections.unmodifiableMap(ordered);
    }

    public boolean allows(Feature feature) {
        return Boolean.TRUE.equals(features.get(feature.key()));
    }

    /** The largest number of faces with attributes that may exist: 110 % of the limit, or none. */
    public long facesHardLimit() {
        return facesLimit == null ? Long.MAX_VALUE : (long) Math.floor(facesLimit * HARD_LIMIT_SHARE);
    }

    /** Every feature with the same value, in declaration order. */
    public static Map<String, Boolean> all(boolean value) {
        Map<String, Boolean> features = new LinkedHashMap<>();
        Arrays.stream(Feature.values()).forEach(feature -> features.put(feature.key(), value));
        return features;
    }
}
