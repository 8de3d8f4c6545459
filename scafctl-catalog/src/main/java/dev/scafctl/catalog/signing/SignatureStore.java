package dev.scafctl.catalog.signing;

import dev.scafctl.catalog.oci.Digest;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Where the signatures of an artifact's manifests are kept: a registry repository ({@link RegistrySignatures}) or
 * the local catalog ({@link LocalSignatures}), both in cosign's layout, so they copy from one to the other as they
 * are.
 */
public interface SignatureStore {

    /** Every signature layer stored for {@code signed}; none when there is no {@code .sig} manifest. */
    List<FoundSignature> read(Digest signed);

    /** The {@code .sig} manifest of {@code signed} with its blobs, for a copy. */
    Optional<StoredSignatures> stored(Digest signed);

    /**
     * Stores {@code signatures} as the signatures of {@code signed}: as they are when none are here, else merged
     * with those here (a signature present on both sides is kept once). False when nothing changed.
     */
    boolean add(Digest signed, StoredSignatures signatures);

    /** Copies the signatures of each of {@code digests} from {@code from} to {@code to}; how many digests changed. */
    static int copy(SignatureStore from, SignatureStore to, Collection<Digest> digests) {
        int changed = 0;
        for (Digest digest : digests) {
            Optional<StoredSignatures> stored = from.stored(digest);
            if (stored.isPresent() && to.add(digest, stored.get())) {
                changed++;
            }
        }
        return changed;
    }
}
