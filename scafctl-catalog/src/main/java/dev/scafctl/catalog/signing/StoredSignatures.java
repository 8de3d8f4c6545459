package dev.scafctl.catalog.signing;

import dev.scafctl.catalog.oci.Descriptor;
import dev.scafctl.catalog.oci.Digest;
import dev.scafctl.catalog.oci.ImageManifest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@code .sig} manifest as one store holds it, ready to be copied into another: its exact bytes (so a copy keeps
 * its digest, as {@code skopeo copy} and {@code cosign copy} keep it) and the verified bytes of its config and
 * payloads, each small.
 */
public record StoredSignatures(byte[] manifestBytes, Map<Digest, byte[]> blobs) {

    public StoredSignatures {
        manifestBytes = manifestBytes.clone();
        blobs = Map.copyOf(blobs);
    }

    public ImageManifest image() {
        return ImageManifest.parse(manifestBytes, "signature manifest " + Digest.of(manifestBytes));
    }

    public SignatureManifest signatures() {
        return new SignatureManifest(image().layers());
    }

    /** The config, then the layers: every blob the manifest names. */
    public List<Descriptor> named() {
        ImageManifest image = image();
        List<Descriptor> named = new ArrayList<>();
        named.add(image.config());
        named.addAll(image.layers());
        return named;
    }

    /**
     * What a store that holds {@code this} writes when {@code incoming} brings signatures: empty when every signature
     * of {@code incoming} is here already, else the union rebuilt in cosign's layout with the payloads of both.
     */
    public java.util.Optional<StoredSignatures> mergedWith(StoredSignatures incoming) {
        SignatureManifest here = signatures();
        SignatureManifest merged = here.union(incoming.signatures());
        if (merged.layers().size() == here.layers().size()) {
            return java.util.Optional.empty();
        }
        Map<Digest, byte[]> payloads = new HashMap<>(incoming.blobs());
        payloads.putAll(blobs);
        Map<Digest, byte[]> kept = new HashMap<>();
        for (Descriptor layer : merged.layers()) {
            kept.put(layer.digest(), payloads.get(layer.digest()));
        }
        kept.put(merged.config().digest(), merged.configJson());
        return java.util.Optional.of(new StoredSignatures(merged.toJson(), kept));
    }
}
