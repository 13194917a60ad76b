package io.selene.imagestore.storage;

/** The back-end (disk or S3) failed; answered as a LUNA 500 (13014), never as a success. */
public class StorageException extends RuntimeException {

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
