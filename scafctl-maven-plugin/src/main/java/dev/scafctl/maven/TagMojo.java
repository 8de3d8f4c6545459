package dev.scafctl.maven;

import dev.scafctl.catalog.artifact.Alias;
import dev.scafctl.catalog.artifact.ArtifactKind;
import dev.scafctl.catalog.artifact.ArtifactReference;
import dev.scafctl.catalog.artifact.NameAndVersion;
import dev.scafctl.catalog.local.LocalCatalog;
import dev.scafctl.catalog.oci.Descriptor;
import dev.scafctl.catalog.remote.Manifest;
import dev.scafctl.catalog.remote.RemoteCatalog;
import dev.scafctl.catalog.tag.ArtifactTagger;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Gives an artifact version an alias, as {@code scafctl tag} does: in the local catalog, or in a registry when
 * {@code catalog} is set. Aliases use letters, digits, {@code _ . -}; {@code latest}, numbers and versions are refused.
 *
 * <p>{@code mvn scafctl:tag -Dscafctl.artifact=my-provider@1.0.0 -Dscafctl.alias=stable}
 */
@Mojo(name = "tag", requiresProject = false, threadSafe = true)
public class TagMojo extends AbstractRemoteMojo {

    /** The version to alias, as {@code name@version}. */
    @Parameter(property = "scafctl.artifact", required = true)
    private String artifact;

    /** The alias, e.g. {@code stable}. */
    @Parameter(property = "scafctl.alias", required = true)
    private String alias;

    /** The kind, needed for a registry tag and when the name is ambiguous locally. */
    @Parameter(property = "scafctl.kind")
    private String kind;

    /** Tag in this remote catalog (a name or URL) instead of the local catalog. */
    @Parameter(property = "scafctl.catalog")
    private String catalog;

    @Inject
    public TagMojo(SettingsDecrypter decrypter) {
        super(decrypter);
    }

    @Override
    protected void run() throws MojoExecutionException, MojoFailureException {
        Alias name = parameter("alias", "scafctl.alias", () -> new Alias(alias));
        NameAndVersion version = parameter("artifact", "scafctl.artifact", () -> NameAndVersion.parse(artifact));
        if (catalog == null) {
            LocalCatalog local = localCatalog();
            ArtifactReference reference = localReference(local, version, kind);
            Descriptor tagged = ArtifactTagger.tagLocal(local, reference, name);
            getLog().info("Tagged " + reference.kind() + " " + reference + " as " + name + " in catalog \"local\" " + tagged.digest());
            return;
        }
        requireOnline("tag");
        if (kind == null) {
            throw new MojoFailureException("Missing <kind> (scafctl.kind): a registry tag needs provider, auth-handler or solution");
        }
        RemoteCatalog remote = remoteCatalog(catalog);
        ArtifactReference reference = new ArtifactReference(parameter("kind", "scafctl.kind", () -> ArtifactKind.parse(kind)),
                version.name(), version.version());
        Manifest tagged = ArtifactTagger.tagRemote(registryClients().apply(remote.pushTarget().registry()), remote, reference, name);
        getLog().info("Tagged " + reference.kind() + " " + reference + " as " + name + " in " + remote.pushTarget() + " "
                + tagged.digest());
    }
}
