package io.selene.imagestore.storage;

import java.util.regex.Pattern;

/**
 * The only names that reach the back-ends. Both exclude '/', '\', '.' and '%', so neither a bucket
 * nor an id can name a parent folder, a hidden temp file or another bucket's key.
 */
public final class Names {

    /** S3-safe bucket names without dots (no virtual-host or IP-address ambiguity). */
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9-]{1,61}[a-z0-9]");
    /** UUIDs fit this too; ids are case-sensitive. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,128}");
    /** Storage key parts: ids, and internal names built from them (expiry markers are longer). */
    private static final Pattern KEY_PART = Pattern.compile("[A-Za-z0-9_-]{1,200}");

    private Names() {
    }

    /** Why {@code name} is not a valid bucket name, or {@code null} when it is. */
    public static String bucketProblem(String name, int maxLength) {
        if (name == null || name.isEmpty()) {
            return "a bucket name is required";
        }
        if (name.length() > maxLength) {
            return "at most " + maxLength + " characters";
        }
        if (!BUCKET.matcher(name).matches()) {
            return "3..63 characters of a-z, 0-9 and '-', starting and ending with a letter or digit";
        }
        if (name.contains("--")) {
            return "no '--'";
        }
        return null;
    }

    public static boolean isValidId(String id) {
        return id != null && ID.matcher(id).matches();
    }

    /** Guard inside the back-ends: a key is exactly {@code folder/name}, both valid ids. */
    static void checkKey(String key) {
        int slash = key.indexOf('/');
        if (slash < 0 || !KEY_PART.matcher(key.substring(0, slash)).matches()
                || !KEY_PART.matcher(key.substring(slash + 1)).matches()) {
            throw new IllegalArgumentException("bad storage key: " + key);
        }
    }

    static boolean isKeyPart(String name) {
        return KEY_PART.matcher(name).matches();
    }

    static void checkBucket(String bucket) {
        if (bucketProblem(bucket, 63) != null) {
            throw new IllegalArgumentException("bad bucket: " + bucket);
        }
    }
}
