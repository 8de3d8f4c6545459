package dev.scafctl.maven;

import dev.scafctl.catalog.ByteCount;
import dev.scafctl.catalog.artifact.ArtifactReference;
import dev.scafctl.catalog.artifact.NameAndVersion;
import dev.scafctl.catalog.local.LocalCatalog;
import dev.scafctl.catalog.remote.CatalogPusher;
import dev.scafctl.catalog.remote.ReleaseChangedException;
import dev.scafctl.catalog.remote.RemoteCatalog;
import dev.scafctl.maven.support.ModuleArtifacts;
import java.util.Optional;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Publishes an artifact from the local catalog to a remote catalog, as {@code scafctl catalog push} does: the index
 * or manifest and every blob, as the exact local bytes, so the registry's digests equal the local ones. Blobs the
 * registry has are not sent again; a blob known in another repository of the registry is mounted. A plugin version
 * whose tag already holds an index gets this build's platforms merged into it. Transient failures are retried.
 *
 * <p>{@code mvn scafctl:push -Dscafctl.catalog=oci://registry.example.com/scafctl -Dscafctl.artifact=my-provider@1.0.0}
 */
@Mojo(name = "push", defaultPhase = LifecyclePhase.DEPLOY, requiresProject = false, threadSafe = true)
public class PushMojo extends AbstractRemoteMojo {

    /**
     * The catalog to push to: the name of a configured catalog (its {@code pushUrl} when it has one), or a URL:
     * {@code oci://host[:port]/prefix} or {@code https://host[:port]/prefix} (HTTPS), or
     * {@code http://host[:port]/prefix} (plain HTTP).
     */
    @Parameter(property = "scafctl.catalog")
    private String catalog;

    /**
     * The artifact, as {@code name@version}. Defaults to what this module builds: the plugin of its
     * {@code build-plugin} (named and versioned as that goal names it), else the solution of its
     * {@code build-solution}, else the project's artifactId and version.
     */
    @Parameter(property = "scafctl.artifact")
    private String artifact;

    /** The kind ({@code solution}, {@code provider}, {@code auth-handler}), only needed when the name is ambiguous. */
    @Parameter(property = "scafctl.kind")
    private String kind;

    /** Also move the rolling tags {@code MAJOR.MINOR}, {@code MAJOR} and {@code latest}, never to a lower version. */
    @Parameter(property = "scafctl.rollingTags", defaultValue = "false")
    private boolean rollingTags;

    /**
     * Change what a published release version's tag holds (its users pinned it). Without it, such a push fails;
     * adding a platform the release lacks, and pushing a pre-release or SNAPSHOT again, need no force.
     */
    @Parameter(property = "scafctl.force", defaultValue = "false")
    private boolean force;

    @Inject
    public PushMojo(SettingsDecrypter decrypter) {
        super(decrypter);
    }

    @Override
    protected void run() throws MojoExecutionException, MojoFailureException {
        requireOnline("push");
        RemoteCatalog target = remoteCatalog(catalog).pushTarget();
        LocalCatalog local = localCatalog();
        ArtifactReference reference = reference(local);
        long started = System.nanoTime();
        CatalogPusher.Result result;
        try {
            result = new CatalogPusher(local, registryClients(), blobLocations(), new LogProgress(getLog(), "Uploading"),
                    getLog()::info).push(reference, target, new CatalogPusher.Options(rollingTags, force));
        } catch (ReleaseChangedException e) {
            throw new MojoFailureException(e.messageWithHint("set <force>true</force> or -Dscafctl.force=true to replace it"), e);
        }
        result.changes().forEach(change -> getLog().info(change));
        if (!result.movedTags().isEmpty()) {
            getLog().info("Rolling tags moved: " + String.join(", ", result.movedTags()));
        }
        getLog().info(String.format("Pushed %s %s to %s %s (%d blob(s) uploaded, %s; %d mounted; %d already there) in %s",
                reference.kind(), reference, result.target(), result.digest(), result.blobsUploaded(),
                new ByteCount(result.bytesUploaded()), result.blobsMounted(), result.blobsPresent(), elapsedSince(started)));
    }

    private ArtifactReference reference(LocalCatalog local) throws MojoFailureException {
        if (artifact != null) {
            return localReference(local, parameter("artifact", "scafctl.artifact", () -> NameAndVersion.parse(artifact)), kind);
        }
        if (!hasPom()) {
            throw new MojoFailureException("Missing <artifact>: without a pom.xml, give it as -Dscafctl.artifact=name@version");
        }
        Optional<ModuleArtifacts.PluginCoordinates> plugin = ModuleArtifacts.builtPlugin(session(), project());
        if (plugin.isPresent()) {
            ModuleArtifacts.PluginCoordinates built = plugin.get();
            return localReference(local, parameter("artifact", "the build-plugin execution", () -> NameAndVersion.parse(
                    built.name() + "@" + built.version())), kind != null ? kind : built.kind());
        }
        String text = ModuleArtifacts.builtSolution(session(), project())
                .orElse(project().getArtifactId() + "@" + project().getVersion());
        return localReference(local, parameter("artifact", "scafctl.artifact", () -> NameAndVersion.parse(text)), kind);
    }
}
