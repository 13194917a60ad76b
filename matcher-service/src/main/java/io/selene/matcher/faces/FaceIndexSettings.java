package io.selene.matcher.faces;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * The face-list index kept in sync from faces-service.
 *
 * @param enabled      off only for tests of the matcher without faces-service
 * @param pollInterval how often the change feed is read: a linked face is matchable within about this long
 * @param readyTimeout how long a matching request waits for the first load before answering 503
 * @param quantisedFrom lists with at least this many faces are scanned over the int8 codes first, then
 *                     re-ranked exactly (a quarter of the memory traffic); smaller ones exactly
 * @param quantisedCandidates rows per reference the int8 pass keeps for the exact re-rank (at least
 *                     twice the request's {@code limit})
 * @param readYourWritesWait how long a match waits for the index to apply the feed position read at its
 *                     start (every write acknowledged before it) before answering 503 (15012)
 * @param accountIndexMemory bound of the whole-account galleries' descriptors (fp32 + int8, 2,560 bytes a
 *                     face); an account past it is matched by streaming from Faces, as without a gallery
 */
@ConfigurationProperties("selene.matcher.face-index")
public record FaceIndexSettings(boolean enabled, Duration pollInterval, Duration readyTimeout, int quantisedFrom,
        int quantisedCandidates, Duration readYourWritesWait, DataSize accountIndexMemory) {
}
