package io.selene.matcher.candidates;

import java.util.UUID;

/** The best candidates of one reference: ids and cosines, best first. */
public record Hits(UUID[] ids, float[] cosines) {

    public static final Hits NONE = new Hits(new UUID[0], new float[0]);

    public int size() {
        return ids.length;
    }
}
