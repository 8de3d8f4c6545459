package dev.scafctl.maven;

import dev.scafctl.catalog.ByteCount;
import dev.scafctl.catalog.artifact.ArtifactExistsException;
import dev.scafctl.catalog.remote.CatalogPuller;
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
 * stored and both digests are named.
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
        long started = System.nanoTime();
        try {
            SignaturePolicy policy = catalogAccess().signatures();
            result = new CatalogPuller(localCatalog(), registryClients(), blobLocations(),
                    new LogProgress(getLog(), "Downloading"), (pulled, client, repository, root) -> policy.check(
                            pulled.kind().wireName() + " " + pulled, root.digest(),
                            () -> new RegistrySignatures(client, repository).read(root.digest()))
                            .ifPresent(key -> getLog().info(pulled + " " + root.digest() + " is signed by key " + key)))
                    .pull(remote, force);
        } catch (ArtifactExistsException e) {
            throw new MojoFailureException(e.messageWithHint("set <force>true</force> or -Dscafctl.force=true to replace it"), e);
        }
        getLog().info(String.format("%s %s %s from %s %s (%d blob(s) downloaded, %s; %d already in the local catalog) in %s",
                result.unchanged() ? "Unchanged" : "Pulled", result.reference().kind(), result.reference(), result.source(),
                result.digest(), result.blobsDownloaded(), new ByteCount(result.bytesDownloaded()), result.blobsPresent(),
                elapsedSince(started)));
    }

    private RemoteReference reference() throws MojoFailureException {
        CatalogAccess access = catalogAccess();
        RemoteReference parsed = parameter("artifact", "scafctl.artifact", () -> RemoteReference.parse(artifact, false, null));
        RemoteCatalog catalog = parsed.catalog();
        catalog = new RemoteCatalog(catalog.name(), access.registry(catalog.registry()), catalog.prefix(), null);
        return new RemoteReference(catalog, parsed.kind(), parsed.name(), parsed.versionOrConstraint());
    }
}
