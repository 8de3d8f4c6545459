package dev.scafctl.maven;

import dev.scafctl.catalog.InvalidInputException;
import dev.scafctl.catalog.access.CatalogAccess;
import dev.scafctl.catalog.artifact.Platform;
import dev.scafctl.catalog.remote.BlobLocations;
import dev.scafctl.catalog.remote.Registry;
import dev.scafctl.catalog.remote.RegistryClient;
import dev.scafctl.catalog.remote.RemoteCatalog;
import dev.scafctl.maven.support.MavenCatalogAccess;
import dev.scafctl.maven.support.SessionScoped;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * What goals that talk to registries share: the build's {@link CatalogAccess} (the catalogs, credentials and
 * proxies, built exactly as the lock extension builds it), and the refusal to touch the network when Maven is
 * offline.
 */
abstract class AbstractRemoteMojo extends AbstractScafctlMojo {

    /**
     * Remote catalogs known to this build, tried in order after the local catalog; the catalogs of scafctl's own
     * {@code $XDG_CONFIG_HOME/scafctl/config.yaml} follow them. Each {@code <catalog>} has:
     * <ul>
     * <li>{@code name} (required): the name that {@code -Dscafctl.catalog=NAME} and the other catalog parameters
     * use;</li>
     * <li>{@code url} (required): where to pull from: {@code oci://host[:port]/prefix} or
     * {@code https://host[:port]/prefix} (HTTPS), or {@code http://host[:port]/prefix} (plain HTTP);</li>
     * <li>{@code pushUrl}: where {@code push} and a registry {@code tag} write, when that differs from {@code url}
     * (a Nexus group to pull from, a hosted repository to push to);</li>
     * <li>{@code insecure}: {@code true} turns off TLS certificate and host name checks for this catalog;</li>
     * <li>{@code caFile}: a PEM file of CA certificates trusted for this catalog beside the JDK's roots.</li>
     * </ul>
     * Credentials come from the settings.xml {@code <server>} whose id is the registry's {@code host:port} or
     * {@code host} (then from the environment and docker / podman config files). For example:
     * <pre>
     * &lt;catalogs&gt;
     *   &lt;catalog&gt;
     *     &lt;name&gt;company&lt;/name&gt;
     *     &lt;url&gt;oci://nexus.example.com/scafctl&lt;/url&gt;
     *     &lt;pushUrl&gt;oci://nexus.example.com:8443/scafctl&lt;/pushUrl&gt;
     *     &lt;caFile&gt;${user.home}/corp-ca.pem&lt;/caFile&gt;
     *   &lt;/catalog&gt;
     * &lt;/catalogs&gt;
     * </pre>
     */
    @Parameter
    private List<CatalogParameter> catalogs;

    /** Skip TLS certificate checks for a catalog given as a URL (prefer {@code caFile}). */
    @Parameter(property = "scafctl.insecure", defaultValue = "false")
    private boolean insecure;

    /** A PEM file of CA certificates trusted, beside the JDK's roots, for a catalog given as a URL. */
    @Parameter(property = "scafctl.caFile")
    private File caFile;

    /**
     * How many seconds a request to a registry may go without progress (no byte sent or received, no answer) before
     * it fails, naming the registry, the request and how long it waited: a registry or proxy that goes silent never
     * hangs the build. A large blob on a slow line is fine as long as bytes keep moving. The lock extension reads
     * the same setting.
     */
    @Parameter(property = "scafctl.timeout", defaultValue = "60")
    private int timeout;

    /**
     * Refuse an artifact without a valid signature by one of the {@code trustedKeys} over the digest about to be used:
     * {@code install-plugins}, {@code pull}, {@code build-solution}, {@code verify-lock} and the lock extension then
     * fail naming the artifact, the digest and the keys tried, before any of its binary reaches the plugin cache or
     * the local catalog. Signatures are cosign's ({@code cosign sign --key} makes them, {@code cosign verify --key}
     * checks ours); see the signing page.
     */
    @Parameter(property = "scafctl.requireSignature", defaultValue = "false")
    private boolean requireSignature;

    /**
     * PEM public keys ({@code -----BEGIN PUBLIC KEY-----}, EC P-256) whose signatures are trusted; in the pom a list of
     * {@code <trustedKey>} elements, on the command line comma-separated. A valid signature by one of them is
     * recorded in the lock as {@code signedBy} (its SHA-256 fingerprint), even when {@code requireSignature} is off.
     */
    @Parameter(property = "scafctl.trustedKeys")
    private List<File> trustedKeys;

    private final SettingsDecrypter decrypter;
    private CatalogAccess access;

    AbstractRemoteMojo(SettingsDecrypter decrypter) {
        this.decrypter = decrypter;
    }

    /** Fails at once, before any connection, when Maven runs offline. */
    protected void requireOnline(String goal) throws MojoExecutionException {
        if (isOffline()) {
            throw new MojoExecutionException("scafctl:" + goal + " needs the network, but Maven is offline (-o);"
                    + " run it without -o");
        }
    }

    protected boolean isOffline() {
        return session().isOffline();
    }

    /** How this build reaches catalogs: made once per goal from the same inputs the lock extension reads. */
    protected CatalogAccess catalogAccess() throws MojoFailureException {
        if (access == null) {
            try {
                MavenCatalogAccess.timeout(parameters()); // its message names the parameter itself
            } catch (InvalidInputException e) {
                throw new MojoFailureException(e.getMessage(), e);
            }
            access = parameter("catalogs", "catalogs or config.yaml", () -> MavenCatalogAccess.of(parameters(), session(),
                    decrypter, getLog()::warn, getLog().isDebugEnabled() ? getLog()::debug : null));
            if (getLog().isDebugEnabled()) {
                CatalogAccess made = access;
                getLog().debug("Catalog chain: " + parameter("catalog", "scafctl.catalog", made::describeChain));
            }
        }
        return access;
    }

    /** The catalog named or given as URL by {@code nameOrUrl}, with {@code insecure} and {@code caFile} applied. */
    protected RemoteCatalog remoteCatalog(String nameOrUrl) throws MojoFailureException {
        if (nameOrUrl == null || nameOrUrl.isBlank()) {
            throw new MojoFailureException("Missing <catalog> (scafctl.catalog): name a configured catalog or give a URL"
                    + " such as oci://registry.example.com/scafctl");
        }
        CatalogAccess catalogs = catalogAccess();
        return parameter("catalog", "scafctl.catalog", () -> catalogs.remote(nameOrUrl));
    }

    /** Registry clients with this build's credentials and proxies, one per registry and identity. */
    protected Function<Registry, RegistryClient> registryClients() throws MojoFailureException {
        return catalogAccess().clients();
    }

    /** The solution YAML: {@code solution} when set, else {@code solution.yaml} in the base directory; it must exist. */
    protected Path solutionFile(File solution) throws MojoFailureException {
        Path file = solution != null ? solution.toPath() : baseDir().resolve("solution.yaml");
        if (!Files.isRegularFile(file)) {
            throw new MojoFailureException("Invalid <solution> (scafctl.solution): " + file + " does not exist; point"
                    + " -Dscafctl.solution at the solution YAML");
        }
        return file;
    }

    /**
     * The solution YAML as {@link #solutionFile} finds it, or empty, after saying so, in a {@code pom}-packaging module
     * that has none and names none (a parent whose plugin section its modules inherit), which is skipped.
     */
    protected Optional<Path> solutionFileOrSkip(File solution) throws MojoFailureException {
        if (solution == null && hasPom() && "pom".equals(project().getPackaging())
                && !Files.isRegularFile(baseDir().resolve("solution.yaml"))) {
            getLog().info("Skipping: no solution.yaml in " + project().getArtifactId() + " (pom packaging)");
            return Optional.empty();
        }
        return Optional.of(solutionFile(solution));
    }

    /** {@code platform} ({@code os/arch}) when set, else the platform of this machine. */
    protected static Platform targetPlatform(String platform) throws MojoFailureException {
        return parameter("platform", "scafctl.platform",
                () -> platform == null ? Platform.current() : Platform.parseSupported(platform));
    }

    /** Where blobs were seen in this Maven session, so a later push of the same build can mount them. */
    protected BlobLocations blobLocations() {
        return SessionScoped.get(session(), BlobLocations.class, BlobLocations::new);
    }
}
