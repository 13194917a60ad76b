package io.selene.matcher.index;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Unit descriptors of one gallery (an account's faces, or a list) held off-heap, row-major float32,
 * with an int8 copy for the quantised scan. Rows are dense: removing a row moves the last row into
 * its place, so a scan never meets holes. Not thread-safe by itself: {@link Gallery} guards it.
 */
public final class DescriptorMatrix implements AutoCloseable {

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

    MemorySegment floats() {
        return floats;
    }

    MemorySegment codes() {
        return codes;
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
        MemorySegment.copy(unitDescriptor, 0, floats, ValueLayout.JAVA_FLOAT, (long) row * dimensions * Float.BYTES,
                dimensions);
        long codeBase = (long) row * dimensions;
        for (int i = 0; i < dimensions; i++) {
            codes.set(ValueLayout.JAVA_BYTE, codeBase + i, quantise(unitDescriptor[i], int8Scale));
        }
    }

    /** Removes {@code id}; returns whether it was there. */
    public boolean remove(UUID id) {
        Integer row = rowOf.remove(id);
        if (row == null) {
            return false;
        }
        int last = --size;
        if (row != last) {
            MemorySegment.copy(floats, (long) last * dimensions * Float.BYTES, floats,
                    (long) row * dimensions * Float.BYTES, (long) dimensions * Float.BYTES);
            MemorySegment.copy(codes, (long) last * dimensions, codes, (long) row * dimensions, dimensions);
            ids[row] = ids[last];
            rowOf.put(ids[row], row);
        }
        ids[last] = null;
        return true;
    }

    public float[] row(int row) {
        float[] values = new float[dimensions];
        MemorySegment.copy(floats, ValueLayout.JAVA_FLOAT, (long) row * dimensions * Float.BYTES, values, 0,
                dimensions);
        return values;
    }

    static byte quantise(float value, float scale) {
        return (byte) Math.max(-127, Math.min(127, Math.round(value * scale)));
    }

    private void allocate(int newCapacity) {
        Arena newArena = Arena.ofShared();
        MemorySegment newFloats = newArena.allocate((long) newCapacity * dimensions * Float.BYTES, 64);
        MemorySegment newCodes = newArena.allocate((long) newCapacity * dimensions, 64);
        UUID[] newIds = new UUID[newCapacity];
        if (arena != null) {
            MemorySegment.copy(floats, 0, newFloats, 0, (long) size * dimensions * Float.BYTES);
            MemorySegment.copy(codes, 0, newCodes, 0, (long) size * dimensions);
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
