package dev.scafctl.catalog;

/**
 * Input that cannot be used as given: a bad name, version, platform or file. The message names the offending
 * value and what would be accepted, so callers can prefix it with the parameter or file it came from.
 */
public class InvalidInputException extends CatalogException {

    private static final long serialVersionUID = 1L;

    public InvalidInputException(String message) {
        super(message);
    }

    public InvalidInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
