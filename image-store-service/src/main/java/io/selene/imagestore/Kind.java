package io.selene.imagestore;

import io.selene.commons.error.LunaError;

/** Images and objects live side by side in a bucket, each in its own folder (key {@code images/<id>}, {@code objects/<id>}). */
public enum Kind {
    IMAGE("images", "image_id", "image_ids", ImageStoreErrors.IMAGE_NOT_FOUND, 'i'),
    OBJECT("objects", "object_id", "object_ids", ImageStoreErrors.OBJECT_NOT_FOUND, 'o');

    private final String folder;
    private final String idField;
    private final String idsField;
    private final LunaError notFound;
    private final char marker;

    Kind(String folder, String idField, String idsField, LunaError notFound, char marker) {
        this.folder = folder;
        this.idField = idField;
        this.idsField = idsField;
        this.notFound = notFound;
        this.marker = marker;
    }

    public String folder() {
        return folder;
    }

    public String idField() {
        return idField;
    }

    public String idsField() {
        return idsField;
    }

    public LunaError notFound() {
        return notFound;
    }

    public String key(String id) {
        return folder + "/" + id;
    }

    public char marker() {
        return marker;
    }

    public static Kind ofMarker(char c) {
        for (Kind kind : values()) {
            if (kind.marker == c) {
                return kind;
            }
        }
        return null;
    }
}
