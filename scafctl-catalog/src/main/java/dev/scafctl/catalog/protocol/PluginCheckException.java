package dev.scafctl.catalog.protocol;

import dev.scafctl.catalog.InvalidInputException;

/** A plugin binary that does not speak scafctl's plugin protocol; the message names the platform and the file. */
public class PluginCheckException extends InvalidInputException {

    private static final long serialVersionUID = 1L;

    public PluginCheckException(String message, Throwable cause) {
        super(message, cause);
    }
}
