package dev.scafctl.catalog.site;

import dev.scafctl.catalog.CatalogException;
import dev.scafctl.catalog.Parallel;
import dev.scafctl.catalog.artifact.ArtifactKind;
import dev.scafctl.catalog.artifact.ArtifactName;
import dev.scafctl.catalog.artifact.ArtifactReference;
import dev.scafctl.catalog.artifact.Version;
import dev.scafctl.catalog.inspect.ArtifactDescription;
import dev.scafctl.catalog.inspect.ArtifactInspector;
import dev.scafctl.catalog.inspect.CatalogListing;
import dev.scafctl.catalog.local.CatalogEntry;
import dev.scafctl.catalog.local.LocalCatalog;
import dev.scafctl.catalog.oci.Descriptor;
import dev.scafctl.catalog.oci.Digest;
import dev.scafctl.catalog.oci.ImageManifest;
import dev.scafctl.catalog.oci.MediaTypes;
import dev.scafctl.catalog.oci.SignatureTag;
import dev.scafctl.catalog.remote.Manifest;
import dev.scafctl.catalog.remote.RegistryClient;
import dev.scafctl.catalog.remote.RemoteCatalog;
import dev.scafctl.catalog.remote.TransferListener;
import dev.scafctl.catalog.signing.FoundSignature;
import dev.scafctl.catalog.signing.LocalSignatures;
import dev.scafctl.catalog.signing.RegistrySignatures;
import dev.scafctl.catalog.signing.SignatureVerdict;
import dev.scafctl.catalog.signing.TrustedKeys;
import dev.scafctl.catalog.signing.Verifier;
import dev.scafctl.catalog.solution.VendoredSolution;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Collects a {@link CatalogSite} from the local catalog or a registry. It lists the catalog with
 * {@link CatalogListing} and describes every version with {@link ArtifactInspector}, reading manifests only; of a
 * solution it also reads the solution YAML (layer 0, small) to find the solutions vendored into it, and of every
 * version the signatures of its index (a registry's {@code .sig} tag, or what the local catalog keeps).
 */
public final class CatalogSiteReader {

    /** A solution YAML larger than this is not read for vendored solutions (the page then shows none). */
    static final long MAX_SOLUTION_YAML = ArtifactInspector.MAX_SOLUTION_YAML;
    /** How many versions of a registry are described at once. */
    private static final int PARALLEL_REQUESTS = 8;

    private CatalogSiteReader() {}

    /**
     * Every artifact of the local catalog, named {@code local} on the page (its folder is this machine's business,
     * not the readers' of a published site). {@code plugin} is the Maven plugin's coordinates, for the snippets.
     */
    public static CatalogSite local(LocalCatalog catalog, String plugin) {
        return local(catalog, plugin, TrustedKeys.NONE);
    }

    /**
     * The local catalog's page, each version marked with the signatures {@code pull} or {@code load} kept of it and
     * whether {@code verifier} (the goal's {@code trustedKeys}) verifies them.
     */
    public static CatalogSite local(LocalCatalog catalog, String plugin, Verifier verifier) {
        Map<String, Descriptor> entries = new HashMap<>();
        for (CatalogEntry entry : catalog.entries()) {
            entries.put(entry.refName(), entry.descriptor());
        }
        CatalogListing listing = CatalogListing.local(catalog, Optional.empty());
        return site(LocalCatalog.NAME, listing, Optional.empty(), plugin, 1, reference -> {
            Descriptor entry = entries.get(reference.localRefName());
            ArtifactDescription description = entry == null ? ArtifactInspector.local(catalog, reference)
                    : ArtifactInspector.local(catalog, reference, entry);
            return new SiteVersion(description, vendored(description, layer -> catalog.readBlob(layer.digest())),
                    signatures(description, new LocalSignatures(catalog, reference.kind(), reference.name())::read, verifier));
        });
    }

    /**
     * Every artifact of a remote catalog, listed with the registry's catalog and tags APIs. Where the registry
     * refuses {@code _catalog}, the artifacts named in {@code knownNames} are shown, with a note that says so.
     */
    public static CatalogSite remote(RegistryClient client, RemoteCatalog catalog, List<String> knownNames, String plugin) {
        return remote(client, catalog, knownNames, plugin, TrustedKeys.NONE);
    }

    /**
     * A remote catalog's page, each version marked with the signatures its {@code sha256-<hex>.sig} tag holds and
     * whether {@code verifier} verifies them.
     */
    public static CatalogSite remote(RegistryClient client, RemoteCatalog catalog, List<String> knownNames, String plugin,
            Verifier verifier) {
        CatalogListing listing = CatalogListing.remote(client, catalog, Optional.empty(), knownNames);
        // the tags list names every signature tag: a version without one needs no request to learn it is unsigned
        Set<String> signatureTags = new HashSet<>();
        listing.artifacts().forEach(artifact -> artifact.signatureTags()
                .forEach(tag -> signatureTags.add(taggedAs(artifact.kind(), artifact.name(), tag))));
        String url = catalog.url();
        String pullFrom = url.startsWith("oci://") ? url.substring("oci://".length()) : url;
        return site(listing.catalog(), listing, Optional.of(pullFrom), plugin, PARALLEL_REQUESTS, reference -> {
            ArtifactDescription description = ArtifactInspector.remote(client, catalog, reference);
            String repository = catalog.repository(reference.kind(), reference.name());
            RegistrySignatures registry = new RegistrySignatures(client, repository);
            return new SiteVersion(description, vendored(description, layer -> download(client, repository, layer)),
                    signatures(description, signed -> signatureTags.contains(taggedAs(reference.kind().wireName(),
                            reference.name().toString(), SignatureTag.of(signed))) ? registry.read(signed) : List.of(), verifier));
        });
    }

    /** {@code kind/name:tag}, a tag of one artifact among those of the whole listing. */
    private static String taggedAs(String kind, String name, String tag) {
        return kind + "/" + name + ":" + tag;
    }

    /** Describes every version of the listing, {@code threads} at once (each version is read on its own). */
    private static CatalogSite site(String catalogName, CatalogListing listing, Optional<String> pullFrom, String plugin,
            int threads, Function<ArtifactReference, SiteVersion> describe) {
        List<ArtifactReference> references = new ArrayList<>();
        for (CatalogListing.Artifact artifact : listing.artifacts()) {
            ArtifactKind kind = ArtifactKind.parse(artifact.kind());
            ArtifactName name = ArtifactName.of(artifact.name());
            artifact.versions().forEach(v -> references.add(new ArtifactReference(kind, name, Version.parse(v))));
        }
        Iterator<SiteVersion> described = Parallel.mapAll(references, threads, "scafctl-site", describe).iterator();
        List<SiteArtifact> artifacts = new ArrayList<>();
        for (CatalogListing.Artifact artifact : listing.artifacts()) {
            List<SiteVersion> versions = new ArrayList<>();
            artifact.versions().forEach(v -> versions.add(described.next()));
            artifacts.add(new SiteArtifact(artifact.kind(), artifact.name(), artifact.aliases(), versions));
        }
        return new CatalogSite(catalogName, listing.note(), pullFrom, plugin, artifacts);
    }

    /** The signatures of the version's index (or manifest), the digest a lock pins and records the signer of. */
    private static SiteSignatures signatures(ArtifactDescription description, Function<Digest, List<FoundSignature>> read,
            Verifier verifier) {
        Digest root = Digest.parse(description.digest());
        return SiteSignatures.of(SignatureVerdict.check(root, read.apply(root), verifier), verifier);
    }

    /** The solutions vendored into a solution, from its YAML layer; none for a plugin. */
    private static List<String> vendored(ArtifactDescription description, Function<Descriptor, byte[]> blobs) {
        if (!description.kind().equals(ArtifactKind.SOLUTION.wireName())
                || !MediaTypes.IMAGE_MANIFEST.equals(description.mediaType())) {
            return List.of();
        }
        Digest manifestDigest = Digest.parse(description.digest());
        ImageManifest manifest = ImageManifest.parse(blobs.apply(Descriptor.of(MediaTypes.IMAGE_MANIFEST, manifestDigest, 0)),
                description.reference() + " manifest");
        if (manifest.layers().isEmpty() || manifest.layers().get(0).size() > MAX_SOLUTION_YAML) {
            return List.of();
        }
        return VendoredSolution.referencedBy(blobs.apply(manifest.layers().get(0)));
    }

    private static byte[] download(RegistryClient client, String repository, Descriptor blob) {
        if (MediaTypes.IMAGE_MANIFEST.equals(blob.mediaType())) {
            return client.fetchManifest(repository, blob.digest().toString()).map(Manifest::bytes).orElseThrow(() ->
                    new CatalogException("registry " + client.registry() + " lists " + blob.digest() + " in " + repository
                            + " but does not serve it"));
        }
        // a solution's YAML layer of at most MAX_SOLUTION_YAML bytes, verified as it arrives
        return client.downloadBlob(repository, blob, TransferListener.NONE, InputStream::readAllBytes);
    }
}
