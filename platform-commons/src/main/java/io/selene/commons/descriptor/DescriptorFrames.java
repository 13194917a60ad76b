package io.selene.commons.descriptor;

import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The binary page format of the internal descriptor bulk reads ({@code GET /3/faces/descriptors},
 * {@code GET /2/events/descriptors}; {@code Accept: application/octet-stream}), written by both
 * services and read by the matcher. A page is a sequence of frames, each {@code key} (int64 BE),
 * object id (16 bytes: most then least significant bits, BE), {@code version} (int32 BE),
 * {@code length} (int32 BE) and {@code length} descriptor bytes, then an end frame of 32 zero bytes.
 * A body without the end frame was cut off (the reader throws {@link EOFException}); a real frame
 * never has length 0, so the end frame cannot be mistaken for one.
 */
public final class DescriptorFrames {

    /** Header of a frame: key (8) + id (16) + version (4) + length (4). */
    public static final int HEADER = 32;
    /** Upper bound of one descriptor's length accepted by the reader (a corrupt length fails fast). */
    public static final int MAX_LENGTH = 1 << 20;

    /** One frame: the page's keyset key, the face or event id, the descriptor version and its raw bytes. */
    public record Frame(long key, UUID id, int version, byte[] data) {
    }

    private DescriptorFrames() {
    }

    /** Writes one frame; {@code data} must not be empty. */
    public static void write(DataOutput out, long key, UUID id, int version, byte[] data) throws IOException {
        if (data.length == 0) {
            throw new IllegalArgumentException("A descriptor frame needs data (length 0 is the end frame)");
        }
        out.writeLong(key);
        out.writeLong(id.getMostSignificantBits());
        out.writeLong(id.getLeastSignificantBits());
        out.writeInt(version);
        out.writeInt(data.length);
        out.write(data);
    }

    /** Like {@link #write} for callbacks that cannot throw checked exceptions (JDBC row handlers). */
    public static void writeUnchecked(DataOutput out, long key, UUID id, int version, byte[] data) {
        try {
            write(out, key, id, version, data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the end frame (32 zero bytes) that tells the reader the page is complete. */
    public static void writeEnd(DataOutput out) throws IOException {
        out.write(new byte[HEADER]);
    }

    /**
     * Reads the frames of a buffer (no end frame expected; one is accepted as its last frame), e.g. a
     * page buffered to be answered as JSON.
     */
    public static List<Frame> decode(byte[] frames) {
        ByteBuffer buffer = ByteBuffer.wrap(frames);
        List<Frame> out = new ArrayList<>();
        try {
            while (buffer.hasRemaining()) {
                long key = buffer.getLong();
                UUID id = new UUID(buffer.getLong(), buffer.getLong());
                int version = buffer.getInt();
                int length = buffer.getInt();
                if (length == 0) {
                    break; // end frame
                }
                checkLength(length);
                byte[] data = new byte[length];
                buffer.get(data);
                out.add(new Frame(key, id, version, data));
            }
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("Truncated descriptor frame at byte " + buffer.position(), e);
        }
        return out;
    }

    /** A streaming reader of one page (e.g. an HTTP response body); closing it closes the stream. */
    public static Reader reader(InputStream in) {
        return new Reader(in);
    }

    /** Reads frames one by one until the end frame. */
    public static final class Reader implements AutoCloseable {

        private final DataInputStream in;
        private boolean ended;

        private Reader(InputStream in) {
            this.in = in instanceof DataInputStream data ? data : new DataInputStream(in);
        }

        /**
         * The next frame, or {@code null} after the end frame.
         *
         * @throws EOFException when the stream ends before the end frame (the page was cut off)
         */
        public Frame next() throws IOException {
            if (ended) {
                return null;
            }
            long key = in.readLong();
            UUID id = new UUID(in.readLong(), in.readLong());
            int version = in.readInt();
            int length = in.readInt();
            if (length == 0) {
                ended = true;
                return null;
            }
            checkLength(length);
            byte[] data = new byte[length];
            in.readFully(data);
            return new Frame(key, id, version, data);
        }

        /** Whether the end frame was read (the page is complete). */
        public boolean ended() {
            return ended;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    private static void checkLength(int length) {
        if (length < 0 || length > MAX_LENGTH) {
            throw new IllegalArgumentException("Bad descriptor frame length " + length);
        }
    }
}
