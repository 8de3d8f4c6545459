package dev.scafctl.catalog.signing;

import dev.scafctl.catalog.CatalogException;
import dev.scafctl.catalog.oci.Descriptor;
import dev.scafctl.catalog.oci.Digest;
import dev.scafctl.catalog.oci.ArtifactWalk;
import dev.scafctl.catalog.oci.MediaTypes;
import dev.scafctl.catalog.remote.Manifest;
import dev.scafctl.catalog.remote.RegistryClient;
import dev.scafctl.catalog.remote.TransferListener;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The signatures of one repository of a registry, where cosign keeps them: the manifest tagged
 * {@code sha256-<hex>.sig} beside the signed manifest. Reading downloads each payload (small, checked against its
 * layer digest); signing adds a layer to what is there, so earlier signatures (another key, a co-signer) stay, and a
 * signature this key already made over the same payload is not added again.
 */
public final class RegistrySignatures implements SignatureStore {

    /** A payload larger than this is no simple-signing payload and is not downloaded. */
    static final int MAX_PAYLOAD = 64 << 10;

    private final RegistryClient client;
    private final String repository;

    public RegistrySignatures(RegistryClient client, String repository) {
        this.client = client;
        this.repository = repository;
    }

    /** {@code host/repository}, the signed payload's {@code docker-reference}. */
    public String dockerReference() {
        return client.registry().host() + "/" + repository;
    }

    @Override
    public List<FoundSignature> read(Digest signed) {
        String tag = SignatureManifest.tagFor(signed);
        Optional<Manifest> manifest = client.fetchManifest(repository, tag);
        if (manifest.isEmpty()) {
            return List.of();
        }
        String where = dockerReference() + ":" + tag;
        List<FoundSignature> found = new ArrayList<>();
        for (Descriptor layer : SignatureManifest.parse(manifest.get().bytes(), where).layers()) {
            byte[] payload = layer.size() <= MAX_PAYLOAD ? payload(layer) : new byte[0];
            found.add(new FoundSignature(layer, payload, SignatureManifest.signatureOf(layer), where));
        }
        return found;
    }

    /** Signs {@code signed}; false when a signature of this signer over the same payload was already there. */
    public boolean sign(Digest signed, Signer signer) {
        byte[] payload = new SimpleSigningPayload(dockerReference(), signed).toJson();
        Digest payloadDigest = Digest.of(payload);
        String tag = SignatureManifest.tagFor(signed);
        String where = dockerReference() + ":" + tag;
        SignatureManifest existing = client.fetchManifest(repository, tag)
                .map(m -> SignatureManifest.parse(m.bytes(), where)).orElse(new SignatureManifest(List.of()));
        for (Descriptor layer : existing.layers()) {
            if (layer.digest().equals(payloadDigest) && TrustedKeys.verifies(signer.publicKey(), payload, SignatureManifest.signatureOf(layer))) {
                return false;
            }
        }
        SignatureManifest signedManifest = existing.with(SignatureManifest.layer(payload, signer.sign(payload)));
        upload(signedManifest.config(), signedManifest.configJson());
        upload(Descriptor.of(SimpleSigningPayload.MEDIA_TYPE, payloadDigest, payload.length), payload);
        client.putManifest(repository, tag, MediaTypes.IMAGE_MANIFEST, signedManifest.toJson());
        return true;
    }

    /**
     * The {@code .sig} manifest of {@code signed} with its config and payloads; empty when there is none, or when one
     * of its blobs is larger than a payload can be (not a signature this store copies).
     */
    @Override
    public Optional<StoredSignatures> stored(Digest signed) {
        Optional<Manifest> manifest = client.fetchManifest(repository, SignatureManifest.tagFor(signed));
        if (manifest.isEmpty()) {
            return Optional.empty();
        }
        StoredSignatures bare = new StoredSignatures(manifest.get().bytes(), Map.of());
        Map<Digest, byte[]> blobs = new HashMap<>();
        for (Descriptor blob : bare.named()) {
            if (blob.size() > MAX_PAYLOAD) {
                return Optional.empty();
            }
            blobs.put(blob.digest(), payload(blob));
        }
        return Optional.of(new StoredSignatures(manifest.get().bytes(), blobs));
    }

    @Override
    public boolean add(Digest signed, StoredSignatures signatures) {
        Optional<StoredSignatures> here = stored(signed);
        Optional<StoredSignatures> write = here.isEmpty() ? Optional.of(signatures) : here.get().mergedWith(signatures);
        if (write.isEmpty()) {
            return false;
        }
        for (Descriptor blob : write.get().named()) {
            upload(blob, write.get().blobs().get(blob.digest()));
        }
        client.putManifest(repository, SignatureManifest.tagFor(signed), MediaTypes.IMAGE_MANIFEST,
                write.get().manifestBytes());
        return true;
    }

    /** What {@link #signRecursively} did: the digests signed now, and those this key had signed already. */
    public record Signed(List<Digest> added, List<Digest> present) {}

    /**
     * Signs the manifest or index {@code root} and every index and manifest it reaches (the artifact's one walk), as
     * {@code cosign sign --recursive} does, since containers/image checks the signature of each instance it copies.
     */
    public Signed signRecursively(Digest root, Signer signer) {
        Manifest manifest = client.fetchManifest(repository, root.toString()).orElseThrow(() -> new CatalogException(
                "registry " + client.registry() + " does not serve " + repository + "@" + root + ", which was just pushed"));
        ArtifactWalk.Tree tree = ArtifactWalk.of(manifest.descriptor(), manifest.bytes(), child -> client.fetchManifest(
                repository, child.digest().toString()).orElseThrow(() -> new CatalogException("registry "
                        + client.registry() + " lists " + child.digest() + " in " + repository + "@" + root
                        + " but does not serve it")).bytes());
        Set<Digest> digests = tree.manifestDigests();
        List<Digest> added = new ArrayList<>();
        List<Digest> present = new ArrayList<>();
        for (Digest digest : digests) {
            (sign(digest, signer) ? added : present).add(digest);
        }
        return new Signed(added, present);
    }

    /** A payload (or config) of at most {@link #MAX_PAYLOAD} bytes, verified against its layer descriptor by the download. */
    private byte[] payload(Descriptor layer) {
        return client.downloadBlob(repository, layer, TransferListener.NONE, InputStream::readAllBytes);
    }

    private void upload(Descriptor blob, byte[] bytes) {
        if (client.hasBlob(repository, blob.digest())) {
            return;
        }
        Path file = null;
        try {
            file = Files.createTempFile("scafctl-signature-", ".json");
            Files.write(file, bytes);
            client.pushBlob(repository, blob, file, TransferListener.NONE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stage a signature blob for upload", e);
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    // a temporary file of a few hundred bytes; the system's temp cleaning removes it
                }
            }
        }
    }
}
