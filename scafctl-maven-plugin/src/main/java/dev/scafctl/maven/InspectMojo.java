package dev.scafctl.maven;

import dev.scafctl.catalog.artifact.ArtifactKind;
import dev.scafctl.catalog.artifact.ArtifactReference;
import dev.scafctl.catalog.artifact.NameAndVersion;
import dev.scafctl.catalog.inspect.ArtifactDescription;
import dev.scafctl.catalog.inspect.ArtifactInspector;
import dev.scafctl.catalog.inspect.Output;
import dev.scafctl.catalog.local.LocalCatalog;
import dev.scafctl.catalog.remote.RemoteCatalog;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Shows an artifact version without downloading its layers: kind, version, digest, created time, platforms with
 * binary sizes, annotations, and the plugins a solution requires; from the local catalog, or a registry with
 * {@code scafctl.catalog}. As text, or {@code -Dscafctl.output=json|yaml}.
 */
@Mojo(name = "inspect", requiresProject = false, threadSafe = true)
public class InspectMojo extends AbstractRemoteMojo {

    /** The artifact, as {@code name@version}. */
    @Parameter(property = "scafctl.artifact", required = true)
    private String artifact;

    /** The kind; needed for a registry, and locally when a name is several kinds. */
    @Parameter(property = "scafctl.kind")
    private String kind;

    /** A remote catalog (name or URL) to inspect in, instead of the local catalog. */
    @Parameter(property = "scafctl.catalog")
    private String catalog;

    /** {@code text}, {@code json} or {@code yaml}. */
    @Parameter(property = "scafctl.output", defaultValue = "text")
    private String output;

    @Inject
    public InspectMojo(SettingsDecrypter decrypter) {
        super(decrypter);
    }

    @Override
    protected void run() throws MojoExecutionException, MojoFailureException {
        Output format = parameter("output", "scafctl.output", () -> Output.parse(output));
        NameAndVersion version = parameter("artifact", "scafctl.artifact", () -> NameAndVersion.parse(artifact));
        ArtifactDescription description;
        if (catalog == null) {
            LocalCatalog local = localCatalog();
            description = ArtifactInspector.local(local, localReference(local, version, kind));
        } else {
            requireOnline("inspect");
            if (kind == null) {
                throw new MojoFailureException("Missing <kind> (scafctl.kind): inspecting in a registry needs provider,"
                        + " auth-handler or solution");
            }
            RemoteCatalog remote = remoteCatalog(catalog);
            ArtifactReference reference = new ArtifactReference(parameter("kind", "scafctl.kind", () -> ArtifactKind.parse(kind)),
                    version.name(), version.version());
            description = ArtifactInspector.remote(registryClients().apply(remote.registry()), remote, reference);
        }
        if (format == Output.TEXT) {
            description.toText().forEach(getLog()::info);
        } else {
            getLog().info(format.render(description.toTree()));
        }
    }
}
