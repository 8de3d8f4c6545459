package dev.scafctl.maven;

import dev.scafctl.catalog.ByteCount;
import dev.scafctl.catalog.artifact.ArtifactReference;
import dev.scafctl.catalog.artifact.NameAndVersion;
import dev.scafctl.catalog.local.LocalCatalog;
import dev.scafctl.catalog.oci.ArtifactWalk;
import dev.scafctl.catalog.remote.CatalogPusher;
import dev.scafctl.catalog.remote.ReleaseChangedException;
import dev.scafctl.catalog.remote.RemoteCatalog;
import dev.scafctl.catalog.signing.Passphrase;
import dev.scafctl.catalog.signing.LocalSignatures;
import dev.scafctl.catalog.signing.RegistrySignatures;
import dev.scafctl.catalog.signing.Signer;
import dev.scafctl.catalog.signing.SigningKeyFile;
import dev.scafctl.maven.support.ModuleArtifacts;
import dev.scafctl.maven.support.SigningAccess;
import java.io.File;
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
 * Signatures the local catalog keeps of the artifact (pulled or loaded with it) go along, merged with those the
 * registry holds (a signature both have is kept once), before a {@code signingKey} signs anew; the new signatures
 * are kept in the local catalog as well, so a {@code save} of the artifact carries them.
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

    /**
     * Sign what is pushed with this private key: the index (or manifest) digest and every platform manifest digest,
     * in cosign's format (a {@code sha256-<hex>.sig} manifest in the same repository, which {@code cosign verify --key}
     * checks). An EC P-256 key as PKCS#8 PEM ({@code openssl pkcs8 -topk8 -nocrypt}), SEC 1 PEM
     * ({@code openssl ecparam -genkey -name prime256v1}) or cosign's encrypted {@code cosign.key}. A file its group or
     * others can read gets a warning. Pushing the same content with the same key again adds no second signature.
     */
    @Parameter(property = "scafctl.signingKey")
    private File signingKey;

    /**
     * The settings.xml {@code <server>} whose {@code <password>} (encrypted as Maven encrypts passwords, or plain) is
     * the passphrase of an encrypted {@code signingKey}. Without it, the passphrase comes from the environment
     * variable {@code SCAFCTL_SIGNING_PASSPHRASE}; it is never read from the pom.
     */
    @Parameter(property = "scafctl.signingServerId")
    private String signingServerId;

    private final SettingsDecrypter decrypter;

    @Inject
    public PushMojo(SettingsDecrypter decrypter) {
        super(decrypter);
        this.decrypter = decrypter;
    }

    @Override
    protected void run() throws MojoExecutionException, MojoFailureException {
        requireOnline("push");
        RemoteCatalog target = remoteCatalog(catalog).pushTarget();
        LocalCatalog local = localCatalog();
        ArtifactReference reference = reference(local);
        Optional<Signer> signer = signer(); // before any upload: a wrong passphrase fails the push, not half of it
        long started = System.nanoTime();
        CatalogPusher.Result result;
        try {
            result = new CatalogPusher(local, registryClients(), blobLocations(), new LogProgress(getLog(), "Uploading"),
                    getLog()::info).push(reference, target, new CatalogPusher.Options(rollingTags, force));
        } catch (ReleaseChangedException e) {
            throw new MojoFailureException(e.messageWithHint("set <force>true</force> or -Dscafctl.force=true to replace it"), e);
        }
        result.changes().forEach(change -> getLog().info(change));
        RegistrySignatures signatures = new RegistrySignatures(registryClients().apply(target.registry()), result.repository());
        LocalSignatures kept = new LocalSignatures(local, reference.kind(), reference.name());
        ArtifactWalk.Tree tree = local.walk(local.require(reference));
        int carried = kept.sendTo(signatures, tree, result.digest());
        if (carried > 0) {
            getLog().info("Pushed the signatures the local catalog keeps of " + carried + " digest(s)");
        }
        if (signer.isPresent()) {
            RegistrySignatures.Signed signed = signatures.signRecursively(result.digest(), signer.get());
            getLog().info("Signed " + signed.added().size() + " digest(s) with key " + signer.get().fingerprint()
                    + (signed.present().isEmpty() ? "" : " (" + signed.present().size() + " already signed with it)")
                    + ": " + result.digest() + (signed.added().size() + signed.present().size() > 1
                            ? " and its platform manifests" : ""));
            // kept beside the artifact too, so that a save of it carries what was just signed
            int keptNow = kept.keepFrom(signatures, tree);
            if (keptNow > 0) {
                getLog().info("Kept the signatures of " + keptNow + " digest(s) in the local catalog");
            }
        }
        if (!result.movedTags().isEmpty()) {
            getLog().info("Rolling tags moved: " + String.join(", ", result.movedTags()));
        }
        getLog().info(String.format("Pushed %s %s to %s %s (%d blob(s) uploaded, %s; %d mounted; %d already there) in %s",
                reference.kind(), reference, result.target(), result.digest(), result.blobsUploaded(),
                new ByteCount(result.bytesUploaded()), result.blobsMounted(), result.blobsPresent(), elapsedSince(started)));
    }

    private Optional<Signer> signer() throws MojoFailureException {
        if (signingKey == null) {
            return Optional.empty();
        }
        Optional<Passphrase> passphrase = parameter("signingServerId", "scafctl.signingServerId", () -> SigningAccess.passphrase(
                session().getSettings(), decrypter, Optional.ofNullable(signingServerId), System.getenv()));
        return Optional.of(parameter("signingKey", "scafctl.signingKey",
                () -> SigningKeyFile.read(signingKey.toPath(), passphrase, getLog()::warn)));
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
