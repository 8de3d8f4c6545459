package dev.scafctl.catalog;

/**
 * A failure of the catalog machinery that is not the user's input: a file system that refuses a write, a lock
 * that cannot be taken, a catalog whose files are damaged. The message says what failed and where.
 */
public class CatalogException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CatalogException(String message) {
        super(message);
    }

    public CatalogException(String message, Throwable cause) {
        super(message, cause);
    }
}
