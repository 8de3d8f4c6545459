package dev.scafctl.maven;

import dev.scafctl.catalog.ByteCount;
import dev.scafctl.catalog.CatalogException;
import dev.scafctl.catalog.artifact.ArtifactExistsException;
import dev.scafctl.catalog.remote.CatalogPuller;
import dev.scafctl.catalog.artifact.ArtifactReference;
import dev.scafctl.catalog.local.LocalCatalog;
import dev.scafctl.catalog.signing.LocalSignatures;
import dev.scafctl.catalog.signing.RegistrySignatures;
import dev.scafctl.catalog.signing.SignaturePolicy;
import dev.scafctl.catalog.access.CatalogAccess;
import dev.scafctl.catalog.remote.RemoteCatalog;
import dev.scafctl.catalog.remote.RemoteReference;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Downloads an artifact from a registry into the local catalog, as {@code scafctl catalog pull} does. Every manifest
 * and blob is hashed while it streams and checked against its digest before it is stored; on a mismatch nothing is
 * stored and both digests are named. The artifact's signatures ({@code .sig} manifests of its index and platform
 * manifests) are kept beside it in the local catalog.
 *
 * <p>{@code mvn scafctl:pull -Dscafctl.artifact=registry.example.com/scafctl/providers/my-provider@^1.2}
 */
@Mojo(name = "pull", requiresProject = false, threadSafe = true)
public class PullMojo extends AbstractRemoteMojo {

    /**
     * {@code [http://]host[:port]/prefix/<plural>/name@<version or constraint>}, plural being {@code solutions},
     * {@code providers} or {@code auth-handlers}; {@code http://} means a plain-HTTP registry.
     */
    @Parameter(property = "scafctl.artifact", required = true)
    private String artifact;

    /** Replace a version the local catalog holds with other content. */
    @Parameter(property = "scafctl.force", defaultValue = "false")
    private boolean force;

    @Inject
    public PullMojo(SettingsDecrypter decrypter) {
        super(decrypter);
    }

    @Override
    protected void run() throws MojoExecutionException, MojoFailureException {
        requireOnline("pull");
        RemoteReference remote = reference();
        CatalogPuller.Result result;
        int kept;
        long started = System.nanoTime();
        try {
            SignaturePolicy policy = catalogAccess().signatures();
            result = new CatalogPuller(localCatalog(), registryClients(), blobLocations(),
                    new LogProgress(getLog(), "Downloading"), (pulled, client, repository, root) -> policy.check(
                            pulled.kind().wireName() + " " + pulled, root.digest(),
                            () -> new RegistrySignatures(client, repository).read(root.digest()))
                            .ifPresent(key -> getLog().info(pulled + " " + root.digest() + " is signed by key " + key)))
                    .pull(remote, force);
            kept = keepSignatures(result, remote);
        } catch (ArtifactExistsException e) {
            throw new MojoFailureException(e.messageWithHint("set <force>true</force> or -Dscafctl.force=true to replace it"), e);
        }
        getLog().info(String.format("%s %s %s from %s %s (%d blob(s) downloaded, %s; %d already in the local catalog) in %s",
                result.unchanged() ? "Unchanged" : "Pulled", result.reference().kind(), result.reference(), result.source(),
                result.digest(), result.blobsDownloaded(), new ByteCount(result.bytesDownloaded()), result.blobsPresent(),
                elapsedSince(started)));
        if (kept > 0) {
            getLog().info("Kept the signatures of " + kept + " digest(s) of " + result.reference() + " in the local catalog");
        }
    }

    /**
     * The {@code .sig} manifests the registry holds of what was pulled (its index and every platform manifest), kept
     * in the local catalog beside it, so that inspect, save and an install under requireSignature find them offline.
     */
    private int keepSignatures(CatalogPuller.Result result, RemoteReference remote) throws MojoExecutionException,
            MojoFailureException {
        LocalCatalog local = localCatalog();
        ArtifactReference pulled = result.reference();
        RegistrySignatures registry = new RegistrySignatures(registryClients().apply(remote.catalog().registry()),
                remote.catalog().repository(pulled.kind(), pulled.name()));
        try {
            return new LocalSignatures(local, pulled.kind(), pulled.name()).keepFrom(registry, local.walk(local.require(pulled)));
        } catch (CatalogException e) {
            // the artifact itself is in, verified; only its signatures stay in the registry
            getLog().warn("Pulled " + pulled + " but could not keep its signatures in the local catalog: " + e.getMessage()
                    + "; offline, an install that requires signatures will refuse it until a pull keeps them");
            return 0;
        }
    }

    private RemoteReference reference() throws MojoFailureException {
        CatalogAccess access = catalogAccess();
        RemoteReference parsed = parameter("artifact", "scafctl.artifact", () -> RemoteReference.parse(artifact, false, null));
        RemoteCatalog catalog = parsed.catalog();
        catalog = new RemoteCatalog(catalog.name(), access.registry(catalog.registry()), catalog.prefix(), null);
        return new RemoteReference(catalog, parsed.kind(), parsed.name(), parsed.versionOrConstraint());
    }
}
