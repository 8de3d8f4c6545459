package dev.scafctl.maven;

import dev.scafctl.catalog.artifact.ArtifactKind;
import dev.scafctl.catalog.inspect.CatalogListing;
import dev.scafctl.catalog.inspect.Output;
import dev.scafctl.catalog.remote.RemoteCatalog;
import java.util.List;
import java.util.Optional;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Lists the artifacts of the local catalog, or of a remote catalog with {@code scafctl.catalog} (through the
 * registry's catalog and tags APIs), with their versions newest first, their aliases and, for plugins, the
 * provider or auth-handler names their newest version records; of one kind with
 * {@code scafctl.kind}. As a table, or {@code -Dscafctl.output=json|yaml}.
 */
@Mojo(name = "list", requiresProject = false, threadSafe = true)
public class ListMojo extends AbstractRemoteMojo {

    /** Only artifacts of this kind: {@code solution}, {@code provider}, {@code auth-handler}. */
    @Parameter(property = "scafctl.kind")
    private String kind;

    /** A remote catalog (name or URL) to list instead of the local catalog. */
    @Parameter(property = "scafctl.catalog")
    private String catalog;

    /** Artifact names to look up when the registry refuses to list its repositories. */
    @Parameter(property = "scafctl.names")
    private List<String> names;

    /** {@code text}, {@code json} or {@code yaml}. */
    @Parameter(property = "scafctl.output", defaultValue = "text")
    private String output;

    @Inject
    public ListMojo(SettingsDecrypter decrypter) {
        super(decrypter);
    }

    @Override
    protected void run() throws MojoExecutionException, MojoFailureException {
        Output format = parameter("output", "scafctl.output", () -> Output.parse(output));
        Optional<ArtifactKind> only = kind == null ? Optional.empty()
                : Optional.of(parameter("kind", "scafctl.kind", () -> ArtifactKind.parse(kind)));
        CatalogListing listing;
        if (catalog == null) {
            listing = CatalogListing.local(localCatalog(), only);
        } else {
            requireOnline("list");
            RemoteCatalog remote = remoteCatalog(catalog);
            listing = CatalogListing.remote(registryClients().apply(remote.registry()), remote, only,
                    names == null ? List.of() : names);
        }
        if (format == Output.TEXT) {
            listing.toText().forEach(getLog()::info);
        } else {
            getLog().info(format.render(listing.toTree()));
        }
    }
}
