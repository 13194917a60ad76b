package io.selene.matcher.candidates;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Bounds of {@code POST /1/matcher/faces} beyond references and {@code limit} (LUNA's
 * PLATFORM_LIMITS.MATCH), and how filtered candidates are streamed.
 *
 * @param maxBlocks       candidate blocks per request
 * @param maxStreamed     descriptors one candidate block may stream from faces- or events-service (a
 *                        filtered or account-wide match); beyond it the request is refused, not cut
 * @param maxAttributeIds {@code attribute_ids} of one block (each is one read of a temporary attribute)
 * @param streamPage      descriptors per page of the bulk read (the owners accept at most 10000)
 * @param chunkRows       descriptors scanned per chunk of a stream, so memory stays bounded
 */
@ConfigurationProperties("selene.matcher.candidates")
public record CandidateSettings(int maxBlocks, long maxStreamed, int maxAttributeIds, int streamPage, int chunkRows) {
}
