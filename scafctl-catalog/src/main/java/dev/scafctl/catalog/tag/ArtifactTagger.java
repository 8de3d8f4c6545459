package dev.scafctl.catalog.tag;

import dev.scafctl.catalog.ArtifactNotFoundException;
import dev.scafctl.catalog.artifact.Alias;
import dev.scafctl.catalog.artifact.ArtifactReference;
import dev.scafctl.catalog.local.LocalCatalog;
import dev.scafctl.catalog.oci.Descriptor;
import dev.scafctl.catalog.remote.Manifest;
import dev.scafctl.catalog.remote.RegistryClient;
import dev.scafctl.catalog.remote.RemoteCatalog;

/** Gives an artifact version an alias ({@code stable}), in the local catalog or in a registry. */
public final class ArtifactTagger {

    private ArtifactTagger() {}

    /** Tags {@code <kind>/<name>:<alias>} in the local catalog with the version's descriptor; returns its digest. */
    public static Descriptor tagLocal(LocalCatalog local, ArtifactReference reference, Alias alias) {
        Descriptor entry = local.require(reference);
        local.tag(reference.kind().wireName() + "/" + reference.name() + ":" + alias, entry);
        return entry;
    }

    /** Tags the version's manifest or index in the registry with {@code alias}, copying its exact bytes. */
    public static Manifest tagRemote(RegistryClient client, RemoteCatalog catalog, ArtifactReference reference, Alias alias) {
        RemoteCatalog target = catalog.pushTarget();
        String repository = target.repository(reference.kind(), reference.name());
        Manifest manifest = client.fetchManifest(repository, reference.version().toString()).orElseThrow(() ->
                new ArtifactNotFoundException("artifact \"" + reference + "\" not found in catalog \"" + target + "\""));
        client.putManifest(repository, alias.value(), manifest.mediaType(), manifest.bytes());
        return manifest;
    }
}
