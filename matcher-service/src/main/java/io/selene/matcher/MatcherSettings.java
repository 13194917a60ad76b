package io.selene.matcher;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Matcher limits (LUNA's PLATFORM_LIMITS.MATCH) and the scan pool.
 *
 * @param maxReferences      references per request
 * @param maxRawCandidates   candidates per {@code /matcher/raw} request
 * @param maxLimit           largest {@code limit} a candidate block may ask for
 * @param scanThreads        workers of the CPU-bound scan pool (0 = number of cores)
 */
@ConfigurationProperties("selene.matcher")
public record MatcherSettings(int maxReferences, int maxRawCandidates, int maxLimit, int scanThreads) {

    public int effectiveScanThreads() {
        return scanThreads > 0 ? scanThreads : Runtime.getRuntime().availableProcessors();
    }
}
