package io.selene.matcher.index;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Unit descriptors of one gallery (an account's faces, or a list) held off-heap as float32, with an
 * int8 copy for the quantised scan. Rows are dense: removing a row moves the last row into its
 * place, so a scan never meets holes. Not thread-safe by itself: the owner of the gallery guards it.
 *
 * <p>Layout: rows are stored in blocks of {@link #BLOCK} rows (one vector's lanes), and inside a
 * block component-major: component {@code i} of the block's rows is one contiguous vector. A scan
 * then multiplies a whole vector of rows by one broadcast reference component, so it produces
 * {@code BLOCK} scores per accumulator with no horizontal sums, and compares them with the top-k
 * floor in one vector compare. Both copies (fp32 and int8) use the same layout.
 */
public final class DescriptorMatrix implements AutoCloseable {

    /** The scan's vector shape: the widest the CPU has (16 floats with AVX-512, 8 with AVX2), at least 8. */
    static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_PREFERRED.length() >= 8
            ? FloatVector.SPECIES_PREFERRED : FloatVector.SPECIES_256;
    /** Rows per block (= lanes of {@link #FLOATS}). */
    static final int BLOCK = FLOATS.length();
    private static final int INITIAL_CAPACITY = 1024;

    private final int dimensions;
    private final float int8Scale;
    private Arena arena;
    private MemorySegment floats;
    private MemorySegment codes;
    private UUID[] ids;
    private final Map<UUID, Integer> rowOf = new HashMap<>();
    private int size;
    private int capacity;

    /**
     * @param int8Scale multiplier from a unit-vector component to an int8 code; components of
     *                  512-d unit descriptors stay well below 0.5, so 254 keeps the codes in range
     *                  while using most of it (values beyond ±127 are clamped)
     */
    public DescriptorMatrix(int dimensions, float int8Scale) {
        this.dimensions = dimensions;
        this.int8Scale = int8Scale;
        allocate(INITIAL_CAPACITY);
    }

    public int dimensions() {
        return dimensions;
    }

    public int size() {
        return size;
    }

    public float int8Scale() {
        return int8Scale;
    }

    /** The fp32 blocks (see the class comment); block {@code b} starts at byte {@code b * BLOCK * d * 4}. */
    MemorySegment floats() {
        return floats;
    }

    /** The int8 blocks, same layout with one byte per value. */
    MemorySegment codes() {
        return codes;
    }

    /** Number of blocks holding the rows (the last one may be partly filled). */
    int blocks() {
        return (size + BLOCK - 1) / BLOCK;
    }

    /** Index of component {@code i} of {@code row} in the blocked layout, in values. */
    private long index(int row, int i) {
        return ((long) (row / BLOCK) * dimensions + i) * BLOCK + row % BLOCK;
    }

    /**
     * {@code row . query} in float32 with one fused multiply-add per component in component order,
     * exactly as one lane of the scan's kernels computes it, so a re-ranked score equals the exact
     * scan's score bit for bit.
     */
    float dot(int row, float[] query) {
        float sum = 0f;
        long at = index(row, 0) * Float.BYTES;
        for (int i = 0; i < dimensions; i++, at += BLOCK * Float.BYTES) {
            sum = Math.fma(floats.get(ValueLayout.JAVA_FLOAT_UNALIGNED, at), query[i], sum);
        }
        return sum;
    }

    public UUID id(int row) {
        return ids[row];
    }

    public boolean contains(UUID id) {
        return rowOf.containsKey(id);
    }

    /** Adds or replaces the descriptor of {@code id}. */
    public void put(UUID id, float[] unitDescriptor) {
        if (unitDescriptor.length != dimensions) {
            throw new IllegalArgumentException("expected " + dimensions + " values, got " + unitDescriptor.length);
        }
        Integer existing = rowOf.get(id);
        int row;
        if (existing != null) {
            row = existing;
        } else {
            if (size == capacity) {
                allocate(capacity * 2);
            }
            row = size++;
            ids[row] = id;
            rowOf.put(id, row);
        }
        long at = index(row, 0);
        for (int i = 0; i < dimensions; i++, at += BLOCK) {
            floats.setAtIndex(ValueLayout.JAVA_FLOAT_UNALIGNED, at, unitDescriptor[i]);
            codes.set(ValueLayout.JAVA_BYTE, at, quantise(unitDescriptor[i], int8Scale));
        }
    }

    /**
     * Makes room for at least {@code rows} rows at once, so a load of a known number of rows does not
     * grow (copy and re-zero) the off-heap blocks step by step.
     */
    public void reserve(int rows) {
        if (rows > capacity) {
            allocate(rows);
        }
    }

    /**
     * Adds or replaces {@code count} descriptors, as {@link #put} one by one in order, but fills new
     * rows a block at a time: the block is copied to the heap, the new rows' components are written
     * there component by component (contiguous lanes), the block's int8 codes are recomputed from its
     * floats in one pass (a code is always the quantised float at the same place, and an unused lane
     * is 0 in both), and both are copied back. The stored values are the same as {@link #put}'s.
     */
    public void putAll(UUID[] rowIds, float[][] unitDescriptors, int count) {
        for (int n = 0; n < count; n++) {
            if (unitDescriptors[n].length != dimensions) {
                throw new IllegalArgumentException("expected " + dimensions + " values, got "
                        + unitDescriptors[n].length);
            }
        }
        BlockFill fill = new BlockFill();
        for (int n = 0; n < count; n++) {
            UUID id = rowIds[n];
            Integer existing = rowOf.get(id);
            if (existing != null) {
                // A replacement (rare in a load): its block may not be the open one; flush and store directly.
                fill.flush();
                put(id, unitDescriptors[n]);
                continue;
            }
            if (size == capacity) {
                fill.flush();
                allocate(capacity * 2);
            }
            int row = size++;
            ids[row] = id;
            rowOf.put(id, row);
            fill.add(row, unitDescriptors[n]);
        }
        fill.flush();
    }

    /** New rows of one block waiting to be written (see {@link #putAll}). */
    private final class BlockFill {

        private final float[][] lanes = new float[BLOCK][];
        private final float[] blockFloats = new float[BLOCK * dimensions];
        private final byte[] blockCodes = new byte[BLOCK * dimensions];
        private int block = -1;
        private int first;
        private int end;

        void add(int row, float[] values) {
            if (row / BLOCK != block) {
                flush();
                block = row / BLOCK;
                first = row % BLOCK;
            }
            lanes[row % BLOCK] = values;
            end = row % BLOCK + 1;
        }

        void flush() {
            if (block < 0) {
                return;
            }
            long at = (long) block * blockFloats.length;
            MemorySegment.copy(floats, ValueLayout.JAVA_FLOAT_UNALIGNED, at * Float.BYTES, blockFloats, 0,
                    blockFloats.length);
            // In tiles of BLOCK components: each row is read in order and the tile's stores stay in cache.
            for (int tile = 0; tile < dimensions; tile += BLOCK) {
                int tileEnd = Math.min(tile + BLOCK, dimensions);
                for (int lane = first; lane < end; lane++) {
                    float[] values = lanes[lane];
                    for (int i = tile, to = tile * BLOCK + lane; i < tileEnd; i++, to += BLOCK) {
                        blockFloats[to] = values[i];
                    }
                }
            }
            quantise(blockFloats, blockCodes, int8Scale);
            MemorySegment.copy(blockFloats, 0, floats, ValueLayout.JAVA_FLOAT_UNALIGNED, at * Float.BYTES,
                    blockFloats.length);
            MemorySegment.copy(blockCodes, 0, codes, ValueLayout.JAVA_BYTE, at, blockCodes.length);
            java.util.Arrays.fill(lanes, null);
            block = -1;
        }
    }

    /** Removes {@code id}; returns whether it was there. */
    public boolean remove(UUID id) {
        Integer row = rowOf.remove(id);
        if (row == null) {
            return false;
        }
        int last = --size;
        long to = index(row, 0);
        long from = index(last, 0);
        for (int i = 0; i < dimensions; i++, to += BLOCK, from += BLOCK) {
            if (row != last) {
                floats.setAtIndex(ValueLayout.JAVA_FLOAT_UNALIGNED, to,
                        floats.getAtIndex(ValueLayout.JAVA_FLOAT_UNALIGNED, from));
                codes.set(ValueLayout.JAVA_BYTE, to, codes.get(ValueLayout.JAVA_BYTE, from));
            }
            // The freed slot is zeroed so the unused lanes of the last block hold no stale descriptor.
            floats.setAtIndex(ValueLayout.JAVA_FLOAT_UNALIGNED, from, 0f);
            codes.set(ValueLayout.JAVA_BYTE, from, (byte) 0);
        }
        if (row != last) {
            ids[row] = ids[last];
            rowOf.put(ids[row], row);
        }
        ids[last] = null;
        return true;
    }

    public float[] row(int row) {
        Objects.checkIndex(row, size);
        float[] values = new float[dimensions];
        long at = index(row, 0);
        for (int i = 0; i < dimensions; i++, at += BLOCK) {
            values[i] = floats.getAtIndex(ValueLayout.JAVA_FLOAT_UNALIGNED, at);
        }
        return values;
    }

    static byte quantise(float value, float scale) {
        return (byte) Math.max(-127, Math.min(127, Math.round(value * scale)));
    }

    /** {@link #quantise(float, float)} of every value (a block at load time: not the scan's hot path). */
    static void quantise(float[] values, byte[] codes, float scale) {
        for (int j = 0; j < values.length; j++) {
            codes[j] = quantise(values[j], scale);
        }
    }

    private void allocate(int newCapacity) {
        // Whole blocks: a block's place does not depend on the capacity, so growing copies the prefix.
        newCapacity = (newCapacity + BLOCK - 1) / BLOCK * BLOCK;
        Arena newArena = Arena.ofShared();
        MemorySegment newFloats = newArena.allocate((long) newCapacity * dimensions * Float.BYTES, 64);
        MemorySegment newCodes = newArena.allocate((long) newCapacity * dimensions, 64);
        UUID[] newIds = new UUID[newCapacity];
        if (arena != null) {
            MemorySegment.copy(floats, 0, newFloats, 0, (long) blocks() * BLOCK * dimensions * Float.BYTES);
            MemorySegment.copy(codes, 0, newCodes, 0, (long) blocks() * BLOCK * dimensions);
            System.arraycopy(ids, 0, newIds, 0, size);
            arena.close();
        }
        arena = newArena;
        floats = newFloats;
        codes = newCodes;
        ids = newIds;
        capacity = newCapacity;
    }

    /** Bytes held per descriptor (fp32 + int8 copies). */
    public int bytesPerDescriptor() {
        return dimensions * (Float.BYTES + 1);
    }

    @Override
    public void close() {
        if (arena != null) {
            arena.close();
            arena = null;
        }
    }
}
