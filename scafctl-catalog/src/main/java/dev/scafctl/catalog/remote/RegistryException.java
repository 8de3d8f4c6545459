package dev.scafctl.catalog.remote;

import dev.scafctl.catalog.CatalogException;

/** A registry that could not be reached, refused a request, or answered in a way we cannot use. */
public class RegistryException extends CatalogException {

    private static final long serialVersionUID = 1L;

    private final int status;

    public RegistryException(String message, int status) {
        super(message);
        this.status = status;
    }

    public RegistryException(String message, Throwable cause) {
        super(message, cause);
        this.status = -1;
    }

    /** The HTTP status, or -1 when no answer came. */
    public int status() {
        return status;
    }
}
