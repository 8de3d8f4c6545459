package dev.scafctl.catalog.protocol;

/** The peer broke HTTP/2, HPACK, gRPC or go-plugin's rules; the message says which. */
final class ProtocolException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    ProtocolException(String message) {
        super(message);
    }
}
