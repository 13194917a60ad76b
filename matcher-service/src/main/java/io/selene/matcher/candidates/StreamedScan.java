package io.selene.matcher.candidates;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import io.selene.commons.descriptor.DescriptorVersion;
import io.selene.matcher.Vectors;
import io.selene.matcher.index.DescriptorMatrix;
import io.selene.matcher.index.Scanner;
import io.selene.matcher.index.TopK;

/**
 * Scans descriptors that arrive one by one (streamed from their owner) with the same {@link Scanner}
 * as the in-memory galleries: rows are collected into an off-heap chunk of at most {@code chunkRows},
 * each full chunk is scanned exactly, and the per-chunk best are merged. Memory stays one chunk
 * whatever the stream's length; the answer equals a scan of all rows at once (same scores).
 */
public final class StreamedScan implements AutoCloseable {

    /** The int8 scale of the galleries; the chunk is scanned exactly, so it only sizes the unused int8 copy. */
    private static final float INT8_SCALE = 254f;

    private record Scored(UUID id, float cosine) {
    }

    private final Scanner scanner;
    private final float[][] references;
    private final int limit;
    private final float minCosine;
    private final int chunkRows;
    private final List<List<Scored>> best = new ArrayList<>();
    private DescriptorMatrix chunk;

    public StreamedScan(Scanner scanner, float[][] references, int limit, float minCosine, int chunkRows) {
        this.scanner = scanner;
        this.references = references;
        this.limit = limit;
        this.minCosine = minCosine;
        this.chunkRows = chunkRows;
        for (int q = 0; q < references.length; q++) {
            best.add(new ArrayList<>());
        }
    }

    /** Adds one candidate; a descriptor without direction (all zeros) can match nothing and is skipped. */
    public void add(UUID id, float[] descriptor) {
        float[] unit;
        try {
            unit = Vectors.unit(descriptor);
        } catch (IllegalArgumentException noDirection) {
            return;
        }
        if (chunk == null) {
            chunk = new DescriptorMatrix(DescriptorVersion.FACE_FP512.dimensions(), INT8_SCALE);
        }
        chunk.put(id, unit);
        if (chunk.size() >= chunkRows) {
            flush();
        }
    }

    /** The best {@code limit} candidates per reference with cosine ≥ the threshold. */
    public Hits[] finish() {
        flush();
        Hits[] result = new Hits[references.length];
        for (int q = 0; q < references.length; q++) {
            List<Scored> scored = best.get(q);
            UUID[] ids = new UUID[scored.size()];
            float[] cosines = new float[scored.size()];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = scored.get(i).id();
                cosines[i] = scored.get(i).cosine();
            }
            result[q] = new Hits(ids, cosines);
        }
        return result;
    }

    private void flush() {
        if (chunk == null) {
            return;
        }
        try (DescriptorMatrix scanned = chunk) {
            chunk = null;
            TopK.Hit[][] hits = scanner.exact(scanned, references, limit, minCosine);
            for (int q = 0; q < references.length; q++) {
                List<Scored> merged = best.get(q);
                for (TopK.Hit hit : hits[q]) {
                    merged.add(new Scored(scanned.id(hit.row()), hit.score()));
                }
                merged.sort(Comparator.comparingDouble(Scored::cosine).reversed());
                if (merged.size() > limit) {
                    merged.subList(limit, merged.size()).clear();
                }
            }
        }
    }

    @Override
    public void close() {
        if (chunk != null) {
            chunk.close();
            chunk = null;
        }
    }
}
