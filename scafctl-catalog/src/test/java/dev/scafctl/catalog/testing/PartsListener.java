package dev.scafctl.catalog.testing;

import dev.scafctl.catalog.oci.Descriptor;
import dev.scafctl.catalog.oci.Digest;
import dev.scafctl.catalog.remote.TransferListener;
import java.util.Map;

/** A transfer listener that records, for each blob, the part of the artifact it was told the blob is for. */
public final class PartsListener implements TransferListener {

    /** What a blob that came with no part is recorded as. */
    public static final String NO_PART = "(no part)";

    private final Map<Digest, String> parts;

    public PartsListener(Map<Digest, String> parts) {
        this.parts = parts;
    }

    @Override
    public void progress(Descriptor blob, long done) {
        parts.putIfAbsent(blob.digest(), NO_PART);
    }

    @Override
    public TransferListener about(String part) {
        return (blob, done) -> parts.put(blob.digest(), part);
    }
}
