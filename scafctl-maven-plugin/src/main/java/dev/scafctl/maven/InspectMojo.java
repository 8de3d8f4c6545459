package dev.scafctl.maven;

import dev.scafctl.catalog.artifact.ArtifactKind;
import dev.scafctl.catalog.artifact.ArtifactReference;
import dev.scafctl.catalog.artifact.NameAndVersion;
import dev.scafctl.catalog.inspect.ArtifactDescription;
import dev.scafctl.catalog.inspect.ArtifactInspector;
import dev.scafctl.catalog.local.LocalCatalog;
import dev.scafctl.catalog.remote.RemoteCatalog;
import dev.scafctl.catalog.inspect.SignatureReport;
import dev.scafctl.catalog.remote.RegistryClient;
import dev.scafctl.catalog.signing.LocalSignatures;
import dev.scafctl.catalog.signing.RegistrySignatures;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Shows an artifact version without downloading its layers: kind, version, digest, created time, platforms with
 * binary sizes, annotations, and the plugins a solution requires; from the local catalog, or a registry with
 * {@code scafctl.catalog}, where it also shows each signature of the index and of every platform manifest and
 * whether it verifies with the {@code trustedKeys}; locally, the signatures that {@code pull} or {@code load} kept
 * with the artifact, when it has any. As text, or {@code -Dscafctl.format=json|yaml} (alone on standard output, for scripts).
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
    public InspectMojo(SettingsDecrypter decrypter) {
        super(decrypter);
    }

    @Override
    protected void run() throws MojoExecutionException, MojoFailureException {
        GoalOutput shown = GoalOutput.of(format, output, baseDir(), getLog()::warn);
        NameAndVersion version = parameter("artifact", "scafctl.artifact", () -> NameAndVersion.parse(artifact));
        ArtifactDescription description;
        Optional<SignatureReport> signatures = Optional.empty();
        if (catalog == null) {
            LocalCatalog local = localCatalog();
            ArtifactReference reference = localReference(local, version, kind);
            description = ArtifactInspector.local(local, reference);
            // the signatures pull or load kept beside the artifact; an artifact built here has none, and says nothing
            signatures = Optional.of(SignatureReport.of(description, new LocalSignatures(local, reference.kind(),
                    reference.name()), catalogAccess().signatures().verifier())).filter(SignatureReport::anySignature);
        } else {
            requireOnline("inspect");
            if (kind == null) {
                throw new MojoFailureException("Missing <kind> (scafctl.kind): inspecting in a registry needs provider,"
                        + " auth-handler or solution");
            }
            RemoteCatalog remote = remoteCatalog(catalog);
            ArtifactReference reference = new ArtifactReference(parameter("kind", "scafctl.kind", () -> ArtifactKind.parse(kind)),
                    version.name(), version.version());
            RegistryClient client = registryClients().apply(remote.registry());
            description = ArtifactInspector.remote(client, remote, reference);
            signatures = Optional.of(SignatureReport.of(description, new RegistrySignatures(client,
                    remote.repository(reference.kind(), reference.name())), catalogAccess().signatures().verifier()));
        }
        if (shown.isTable()) {
            List<String> lines = new ArrayList<>(description.toText());
            signatures.ifPresent(report -> lines.addAll(report.toText()));
            shown.table(lines, getLog()::info);
        } else {
            Map<String, Object> tree = new LinkedHashMap<>(description.toTree());
            signatures.ifPresent(report -> tree.put("signatures", report.toTree()));
            shown.document(tree, System.out, getLog()::info);
        }
    }
}
