package dev.scafctl.catalog.plugin;

import dev.scafctl.catalog.artifact.ArtifactKind;
import dev.scafctl.catalog.artifact.ArtifactName;
import dev.scafctl.catalog.artifact.Version;
import dev.scafctl.catalog.local.LocalCatalog;
import dev.scafctl.catalog.oci.CanonicalJson;
import dev.scafctl.catalog.oci.Descriptor;
import dev.scafctl.catalog.oci.Digest;
import dev.scafctl.catalog.oci.MediaTypes;
import dev.scafctl.catalog.remote.Manifest;
import dev.scafctl.catalog.remote.RegistryClient;
import dev.scafctl.catalog.remote.RemoteCatalog;
import dev.scafctl.catalog.remote.TransferListener;
import dev.scafctl.catalog.signing.FoundSignature;
import dev.scafctl.catalog.signing.LocalSignatures;
import dev.scafctl.catalog.signing.RegistrySignatures;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** One link of the catalog chain as the installer sees it: versions, manifests and blobs of an artifact. */
interface ArtifactSource {

    String name();

    /** The versions of the artifact this source holds; tags that are not full versions (aliases, rolling tags) are ignored. */
    List<Version> versions(ArtifactKind kind, ArtifactName name);

    /** A manifest or index by tag or digest, its bytes checked against its digest. */
    Optional<Manifest> manifest(ArtifactKind kind, ArtifactName name, String tagOrDigest);

    /**
     * Writes a blob's bytes to {@code out}, telling {@code listener}, checked against the descriptor as they pass: the
     * copy fails with {@code DigestMismatchException} at the end of bytes that are not the blob's, so whoever writes
     * {@code out} keeps nothing until the copy returns.
     */
    void copyBlob(ArtifactKind kind, ArtifactName name, Descriptor blob, TransferListener listener, OutputStream out)
            throws IOException;

    /** The signatures this source holds for {@code digest} of the artifact (the local catalog: those pull and load kept). */
    default List<FoundSignature> signatures(ArtifactKind kind, ArtifactName name, Digest digest) {
        return List.of();
    }

    static ArtifactSource local(LocalCatalog catalog) {
        return new ArtifactSource() {
            @Override
            public String name() {
                return LocalCatalog.NAME;
            }

            @Override
            public List<Version> versions(ArtifactKind kind, ArtifactName name) {
                return catalog.versions(kind, name);
            }

            @Override
            public Optional<Manifest> manifest(ArtifactKind kind, ArtifactName name, String tagOrDigest) {
                Optional<Digest> digest = tagOrDigest.startsWith("sha256:")
                        ? Optional.of(Digest.parse(tagOrDigest)).filter(catalog::hasBlob)
                        : catalog.resolve(kind.wireName() + "/" + name + ":" + tagOrDigest).map(Descriptor::digest);
                return digest.map(d -> {
                    byte[] bytes = catalog.readBlob(d);
                    String mediaType = CanonicalJson.read(bytes, "manifest " + d).path("mediaType")
                            .asString(MediaTypes.IMAGE_MANIFEST);
                    return new Manifest(mediaType, bytes, d);
                });
            }

            @Override
            public void copyBlob(ArtifactKind kind, ArtifactName name, Descriptor blob, TransferListener listener,
                    OutputStream out) throws IOException {
                try (InputStream in = catalog.openVerified(blob, "the binary of " + kind.wireName() + " " + name)) {
                    in.transferTo(out);
                }
            }

            @Override
            public List<FoundSignature> signatures(ArtifactKind kind, ArtifactName name, Digest digest) {
                return new LocalSignatures(catalog, kind, name).read(digest);
            }
        };
    }

    static ArtifactSource remote(RemoteCatalog remote, RegistryClient client) {
        return new ArtifactSource() {
            @Override
            public String name() {
                return remote.name();
            }

            @Override
            public List<Version> versions(ArtifactKind kind, ArtifactName name) {
                return client.listTags(remote.repository(kind, name)).stream().map(Version::ofTag)
                        .filter(Objects::nonNull).toList();
            }

            @Override
            public Optional<Manifest> manifest(ArtifactKind kind, ArtifactName name, String tagOrDigest) {
                return client.fetchManifest(remote.repository(kind, name), tagOrDigest);
            }

            @Override
            public void copyBlob(ArtifactKind kind, ArtifactName name, Descriptor blob, TransferListener listener,
                    OutputStream out) {
                client.downloadBlob(remote.repository(kind, name), blob, listener, body -> body.transferTo(out));
            }

            @Override
            public List<FoundSignature> signatures(ArtifactKind kind, ArtifactName name, Digest digest) {
                return new RegistrySignatures(client, remote.repository(kind, name)).read(digest);
            }
        };
    }
}
