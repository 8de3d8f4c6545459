package dev.scafctl.maven;

import dev.scafctl.catalog.artifact.ArtifactKind;
import dev.scafctl.catalog.inspect.CatalogListing;
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
 * {@code scafctl.kind}. As a table, or {@code -Dscafctl.format=json|yaml} (alone on standard output, for scripts).
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

    /**
     * How to show the result: {@code table} for people, or {@code json} / {@code yaml} for scripts. A document is
     * written alone to standard output (not through Maven's log; add {@code -q} to keep Maven's own lines off it),
     * or to {@code output} when that is set.
     */
    @Parameter(property = "scafctl.format", defaultValue = "table")
    private String format;

    /**
     * A file to write the table or document to, instead of the log or standard output. Until the next release a
     * format name here ({@code -Dscafctl.output=json}, the old spelling) is read as {@code format}, with a warning.
     */
    @Parameter(property = "scafctl.output")
    private String output;

    @Inject
    public ListMojo(SettingsDecrypter decrypter) {
        super(decrypter);
    }

    @Override
    protected void run() throws MojoExecutionException, MojoFailureException {
        GoalOutput shown = GoalOutput.of(format, output, baseDir(), getLog()::warn);
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
        if (shown.isTable()) {
            shown.table(listing.toText(), getLog()::info);
        } else {
            shown.document(listing.toTree(), System.out, getLog()::info);
        }
    }
}
