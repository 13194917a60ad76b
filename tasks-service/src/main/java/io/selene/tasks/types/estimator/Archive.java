package io.selene.tasks.types.estimator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

import io.selene.commons.error.LunaException;
import io.selene.tasks.TasksErrors;
import io.selene.tasks.config.TasksSettings;

/**
 * Reads the images of a zip archive defensively. Entry names are only labels: nothing is ever written to a
 * path taken from the archive, and a name that tries to leave a folder ({@code ..}, absolute, drive or
 * backslash paths) is refused as an item error. Sizes are counted while reading, never trusted from the
 * headers: an entry larger than {@code max-image-size} or inflating more than {@code max-compression-ratio}
 * times is an item error, and an archive whose entries together inflate past {@code max-unpacked-size}, or
 * that holds more than {@code max-archive-entries} entries, is refused whole.
 */
final class Archive {

    /** One entry: its bytes, or why it is refused. */
    record Entry(String name, byte[] bytes, LunaException error) {
    }

    private Archive() {
    }

    static List<Entry> read(byte[] zip, TasksSettings.Estimator limits, Runnable checkCancelled) {
        Path file;
        try {
            file = Files.createTempFile("selene-task-archive", ".zip");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            Files.write(file, zip);
            try (ZipFile archive = new ZipFile(file.toFile())) {
                if (archive.size() > limits.maxArchiveEntries()) {
                    throw TasksErrors.ARCHIVE_BOMB.exception(archive.size() + " entries, more than the limit of "
                            + limits.maxArchiveEntries());
                }
                List<Entry> entries = new ArrayList<>();
                long unpacked = 0;
                Enumeration<? extends ZipEntry> all = archive.entries();
                while (all.hasMoreElements()) {
                    checkCancelled.run();
                    ZipEntry entry = all.nextElement();
                    String name = entry.getName();
                    if (entry.isDirectory()) {
                        continue;
                    }
                    String unsafe = unsafe(name);
                    if (unsafe != null) {
                        entries.add(new Entry(name, null, TasksErrors.UNSAFE_ENTRY.exception(printable(name), unsafe)));
                        continue;
                    }
                    long limit = limits.maxImageSize().toBytes();
                    byte[] bytes;
                    try (InputStream in = archive.getInputStream(entry)) {
                        bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 16, limit + 1));
                    } catch (ZipException e) {
                        entries.add(new Entry(name, null, TasksErrors.IMAGE_UNREADABLE.exception(printable(name),
                                "corrupt entry: " + e.getMessage())));
                        continue;
                    }
                    unpacked += bytes.length;
                    if (unpacked > limits.maxUnpackedSize().toBytes()) {
                        throw TasksErrors.ARCHIVE_BOMB.exception("entries inflate to more than "
                                + limits.maxUnpackedSize().toBytes() + " bytes");
                    }
                    if (bytes.length > limit) {
                        entries.add(new Entry(name, null, TasksErrors.IMAGE_UNREADABLE.exception(printable(name),
                                "larger than " + limit + " bytes")));
                        continue;
                    }
                    long compressed = Math.max(1, entry.getCompressedSize());
                    if (bytes.length > 1 << 20 && bytes.length / compressed > limits.maxCompressionRatio()) {
                        entries.add(new Entry(name, null, TasksErrors.ARCHIVE_BOMB.exception("entry '" + printable(name)
                                + "' inflates " + bytes.length / compressed + " times")));
                        continue;
                    }
                    entries.add(new Entry(name, bytes, null));
                }
                return entries;
            } catch (ZipException e) {
                throw TasksErrors.BAD_ARCHIVE.exception("not a readable zip archive (" + e.getMessage() + ")");
            }
        } catch (IOException e) {
            throw TasksErrors.BAD_ARCHIVE.exception(e.getMessage());
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // a temp file left behind is harmless
            }
        }
    }

    /** Why a name is refused, or null. */
    static String unsafe(String name) {
        if (name.isEmpty() || name.length() > 255) {
            return "name is empty or longer than 255 characters";
        }
        if (name.startsWith("/") || name.startsWith("\\") || name.matches("^[A-Za-z]:.*")) {
            return "absolute path";
        }
        if (name.contains("\\")) {
            return "backslash in the name";
        }
        for (String segment : name.split("/")) {
            if (segment.equals("..")) {
                return "path traversal ('..')";
            }
        }
        for (char c : name.toCharArray()) {
            if (c < 0x20 || c == 0x7F) {
                return "control character in the name";
            }
        }
        return null;
    }

    static String printable(String name) {
        StringBuilder out = new StringBuilder();
        for (char c : name.toCharArray()) {
            out.append(c < 0x20 || c == 0x7F ? '?' : c);
        }
        return out.length() > 255 ? out.substring(0, 255) : out.toString();
    }
}
