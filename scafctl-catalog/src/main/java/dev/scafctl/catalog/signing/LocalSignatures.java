package dev.scafctl.catalog.signing;

import dev.scafctl.catalog.artifact.ArtifactKind;
import dev.scafctl.catalog.artifact.ArtifactName;
import dev.scafctl.catalog.local.LocalCatalog;
import dev.scafctl.catalog.oci.ArtifactWalk;
import dev.scafctl.catalog.oci.Descriptor;
import dev.scafctl.catalog.oci.Digest;
import dev.scafctl.catalog.oci.MediaTypes;
import dev.scafctl.catalog.oci.SignatureTag;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The signatures the local catalog keeps of one artifact: each {@code .sig} manifest is an {@code index.json} entry
 * named as the registry tags it, under the artifact's name ({@code provider/echo:sha256-<hex>.sig}), its config and
 * payloads stored as blobs. An OCI layout tool sees an ordinary tagged image ({@code oras} and {@code skopeo} copy it
 * with {@code oci:<catalog>:provider/echo:sha256-<hex>.sig}); prune keeps it while the signed manifest is tagged.
 */
public final class LocalSignatures implements SignatureStore {

    private final LocalCatalog catalog;
    private final String artifact;

    public LocalSignatures(LocalCatalog catalog, ArtifactKind kind, ArtifactName name) {
        this(catalog, kind.wireName() + "/" + name);
    }

    private LocalSignatures(LocalCatalog catalog, String artifact) {
        this.catalog = catalog;
        this.artifact = artifact;
    }

    /** The signatures of the artifact a signature entry {@code <kind>/<name>:sha256-<hex>.sig} belongs to. */
    public static LocalSignatures ofEntry(LocalCatalog catalog, String refName) {
        return new LocalSignatures(catalog, refName.substring(0, refName.lastIndexOf(':')));
    }

    /** {@code <kind>/<name>:sha256-<hex>.sig}, the entry holding the signatures of {@code signed}. */
    public String refName(Digest signed) {
        return artifact + ":" + SignatureTag.of(signed);
    }

    /**
     * Keeps, after a pull, the signatures {@code registry} holds of the artifact {@code tree} (its root and every index
     * and manifest below it); how many of those digests got signatures they lacked here.
     */
    public int keepFrom(SignatureStore registry, ArtifactWalk.Tree tree) {
        return SignatureStore.copy(registry, this, tree.manifestDigests());
    }

    /**
     * Sends, after a push, the signatures kept here of the artifact {@code tree} to {@code registry}: those of every
     * manifest, and those of the root when the registry's tag holds it ({@code tagged}; a push that merged platforms
     * into the registry's index tagged another digest, which these signatures do not cover).
     */
    public int sendTo(SignatureStore registry, ArtifactWalk.Tree tree, Digest tagged) {
        List<Digest> digests = tree.manifestDigests().stream()
                .filter(d -> !d.equals(tree.root().digest()) || d.equals(tagged)).toList();
        return SignatureStore.copy(this, registry, digests);
    }

    @Override
    public List<FoundSignature> read(Digest signed) {
        Optional<Descriptor> entry = catalog.resolve(refName(signed));
        if (entry.isEmpty()) {
            return List.of();
        }
        String where = "catalog \"" + LocalCatalog.NAME + "\" " + refName(signed);
        List<FoundSignature> found = new ArrayList<>();
        for (Descriptor layer : SignatureManifest.parse(catalog.readBlob(entry.get().digest()), where).layers()) {
            byte[] payload = layer.size() <= RegistrySignatures.MAX_PAYLOAD && catalog.hasBlob(layer.digest())
                    ? catalog.readBlob(layer.digest()) : new byte[0];
            found.add(new FoundSignature(layer, payload, SignatureManifest.signatureOf(layer), where));
        }
        return found;
    }

    @Override
    public Optional<StoredSignatures> stored(Digest signed) {
        return catalog.resolve(refName(signed)).map(entry -> storedAt(entry.digest()));
    }

    /** The {@code .sig} manifest stored as blob {@code manifest}, with its config and payloads (each read verified). */
    public StoredSignatures storedAt(Digest manifest) {
        byte[] bytes = catalog.readBlob(manifest);
        Map<Digest, byte[]> blobs = new HashMap<>();
        for (Descriptor blob : new StoredSignatures(bytes, Map.of()).named()) {
            blobs.put(blob.digest(), catalog.readBlob(blob.digest()));
        }
        return new StoredSignatures(bytes, blobs);
    }

    @Override
    public boolean add(Digest signed, StoredSignatures signatures) {
        return catalog.locked(() -> {
            Optional<StoredSignatures> here = stored(signed);
            Optional<StoredSignatures> write = here.isEmpty() ? Optional.of(signatures) : here.get().mergedWith(signatures);
            if (write.isEmpty()) {
                return false;
            }
            for (Descriptor blob : write.get().named()) {
                catalog.putBlob(blob.mediaType(), write.get().blobs().get(blob.digest()));
            }
            Descriptor manifest = catalog.putBlob(MediaTypes.IMAGE_MANIFEST, write.get().manifestBytes());
            catalog.tag(refName(signed), manifest);
            return true;
        });
    }
}
