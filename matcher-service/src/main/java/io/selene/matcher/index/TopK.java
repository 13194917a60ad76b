package io.selene.matcher.index;

import java.util.Arrays;

/**
 * The k best (score, row) pairs seen so far: a bounded min-heap on primitive arrays, so a scan
 * over N rows costs O(N log k) in the worst case and O(N) once the heap is full and most rows fall
 * below its minimum. Never sorts all N.
 */
public final class TopK {

    private final int capacity;
    private final float[] scores;
    private final int[] rows;
    private int size;
    private float floor;

    public TopK(int capacity, float threshold) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        this.capacity = capacity;
        this.scores = new float[capacity];
        this.rows = new int[capacity];
        this.floor = threshold;
    }

    /** The score a candidate must beat to enter. */
    public float floor() {
        return floor;
    }

    public void offer(float score, int row) {
        // A tie with the weakest kept entry enters only with a lower row (rows arrive out of order
        // when the tops of several workers are merged).
        if (score < floor || (size == capacity && score == floor && row > rows[0])) {
            return;
        }
        if (size < capacity) {
            scores[size] = score;
            rows[size] = row;
            siftUp(size++);
            if (size == capacity) {
                floor = Math.max(floor, scores[0]);
            }
        } else {
            scores[0] = score;
            rows[0] = row;
            siftDown(0);
            floor = Math.max(floor, scores[0]);
        }
    }

    public void addAll(TopK other) {
        for (int i = 0; i < other.size; i++) {
            offer(other.scores[i], other.rows[i]);
        }
    }

    public int size() {
        return size;
    }

    /** Rows best first (ties by lower row). */
    public Hit[] sorted() {
        Hit[] hits = new Hit[size];
        for (int i = 0; i < size; i++) {
            hits[i] = new Hit(rows[i], scores[i]);
        }
        Arrays.sort(hits, (a, b) -> a.score() != b.score() ? Float.compare(b.score(), a.score())
                : Integer.compare(a.row(), b.row()));
        return hits;
    }

    /** One scored row of a matrix. */
    public record Hit(int row, float score) {
    }

    private void siftUp(int i) {
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (less(parent, i)) {
                return;
            }
            swap(i, parent);
            i = parent;
        }
    }

    private void siftDown(int i) {
        while (true) {
            int left = 2 * i + 1;
            if (left >= size) {
                return;
            }
            int smallest = left + 1 < size && less(left + 1, left) ? left + 1 : left;
            if (less(i, smallest)) {
                return;
            }
            swap(i, smallest);
            i = smallest;
        }
    }

    /** Heap order: lower score first; on equal scores the higher row is "smaller" so lower rows survive. */
    private boolean less(int a, int b) {
        return scores[a] < scores[b] || (scores[a] == scores[b] && rows[a] > rows[b]);
    }

    private void swap(int a, int b) {
        float s = scores[a];
        scores[a] = scores[b];
        scores[b] = s;
        int r = rows[a];
        rows[a] = rows[b];
        rows[b] = r;
    }
}
