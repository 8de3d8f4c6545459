package dev.scafctl.catalog.remote;

import dev.scafctl.catalog.oci.Descriptor;

/** Hears how far a blob transfer has come; called from the transferring thread. */
@FunctionalInterface
public interface TransferListener {

    TransferListener NONE = (blob, done) -> { };

    /** {@code done} bytes of {@code blob} (whose size is the total) have been sent or received. */
    void progress(Descriptor blob, long done);

    /**
     * This listener, for the blobs of one part of an artifact that a person knows it by ({@code linux/amd64}); a
     * listener that reports to a person names that part instead of the blob's digest.
     */
    default TransferListener about(String part) {
        return this;
    }
}
