package dev.scafctl.maven;

import dev.scafctl.catalog.CatalogException;
import dev.scafctl.catalog.remote.RemoteCatalog;
import dev.scafctl.catalog.site.CatalogSite;
import dev.scafctl.catalog.site.CatalogSiteReader;
import dev.scafctl.catalog.site.CatalogSiteWriter;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.inject.Inject;
import org.apache.maven.doxia.sink.Sink;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.reporting.MavenReport;
import org.apache.maven.reporting.MavenReportException;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Writes a catalog browser page: a static, self-contained site (no CDN, nothing fetched when it is viewed) that
 * works opened from {@code file://} and served from any static host, such as a Nexus raw repository or GitHub
 * Pages. It lists every artifact with its kind, versions (newest first), digest, created time, platforms with binary
 * sizes, annotations and provider / auth-handler names; filters by kind; searches names, descriptions, tags and
 * provider names; draws each solution's plugins and vendored solutions as a graph; and gives a copy-ready
 * {@code pom.xml} snippet and {@code mvn} command per artifact. Each version is marked signed or unsigned (its index's
 * {@code .sig} tag, or the signatures the local catalog keeps), and, with {@code trustedKeys}, whether they verify
 * and by which key.
 *
 * <p>Of the local catalog, or of a remote catalog with {@code scafctl.catalog}, listed with the registry's catalog and
 * tags APIs; where a registry refuses {@code _catalog}, the artifacts named in {@code scafctl.names} are shown, with
 * a note on the page. Runs without a pom:
 * {@code mvn dev.scafctl:scafctl-maven-plugin:VERSION:catalog-site -Dscafctl.catalog=oci://registry.example.com/scafctl}.
 *
 * <p>As a report in the {@code <reporting>} section, {@code mvn site} writes the same site to
 * {@code target/site/scafctl-catalog/} and a report page that links to it.
 */
@Mojo(name = "catalog-site", requiresProject = false, threadSafe = true)
public class CatalogSiteMojo extends AbstractRemoteMojo implements MavenReport {

    /** The folder of the report's site, below the site's output folder. */
    static final String REPORT_FOLDER = "scafctl-catalog";

    /** A remote catalog (name or URL) to show instead of the local catalog. */
    @Parameter(property = "scafctl.catalog")
    private String catalog;

    /** Artifact names to look up when the registry refuses to list its repositories. */
    @Parameter(property = "scafctl.names")
    private List<String> names;

    /**
     * The folder the site is written to, replaced as a whole; it must be new, empty, or an earlier catalog site.
     * Defaults to <code>${project.build.directory}/scafctl-site</code> ({@code ./target/scafctl-site} without a pom).
     */
    @Parameter(property = "scafctl.output")
    private File output;

    @Parameter(defaultValue = "${plugin}", readonly = true, required = true)
    private PluginDescriptor plugin;

    /** Where {@code mvn site} puts reports; set by the site plugin. */
    @Parameter(defaultValue = "${project.reporting.outputDirectory}", readonly = true)
    private File reportOutputDirectory;

    @Inject
    public CatalogSiteMojo(SettingsDecrypter decrypter) {
        super(decrypter);
    }

    @Override
    protected void run() throws MojoExecutionException, MojoFailureException {
        Path folder = output != null ? output.toPath().toAbsolutePath() : buildDirectory().resolve("scafctl-site");
        CatalogSite site = collect();
        Path index = CatalogSiteWriter.write(site, folder);
        logWritten(site, folder);
        getLog().info("Open " + index.toUri());
    }

    private void logWritten(CatalogSite site, Path folder) {
        getLog().info(String.format("Wrote the catalog site of %s (%d artifact(s), %d version(s)) to %s",
                site.catalog(), site.artifacts().size(), site.versionCount(), display(folder)));
        site.note().ifPresent(note -> getLog().warn("Listed only the names given: " + note));
    }

    private CatalogSite collect() throws MojoExecutionException, MojoFailureException {
        String coordinates = plugin.getGroupId() + ":" + plugin.getArtifactId() + ":" + plugin.getVersion();
        if (catalog == null || catalog.isBlank()) {
            return CatalogSiteReader.local(localCatalog(), coordinates, catalogAccess().signatures().verifier());
        }
        requireOnline("catalog-site");
        RemoteCatalog remote = remoteCatalog(catalog);
        return CatalogSiteReader.remote(registryClients().apply(remote.registry()), remote,
                names == null ? List.of() : names, coordinates, catalogAccess().signatures().verifier());
    }

    // ---- the report of mvn site ------------------------------------------------------------------------------

    @Override
    public void generate(Sink sink, Locale locale) throws MavenReportException {
        CatalogSite site;
        Path index;
        try {
            site = collect();
            index = CatalogSiteWriter.write(site, reportOutputDirectory.toPath().resolve(REPORT_FOLDER));
        } catch (MojoExecutionException | MojoFailureException | CatalogException e) {
            throw new MavenReportException("scafctl:catalog-site: " + e.getMessage(), e);
        }
        logWritten(site, index.getParent());
        sink.head();
        sink.title();
        sink.text(getName(locale));
        sink.title_();
        sink.head_();
        sink.body();
        sink.section1();
        sink.sectionTitle1();
        sink.text(getName(locale));
        sink.sectionTitle1_();
        sink.paragraph();
        sink.text(String.format("Catalog %s: %d artifact(s), %d version(s). ", site.catalog(), site.artifacts().size(),
                site.versionCount()));
        sink.link(REPORT_FOLDER + "/index.html");
        sink.text("Browse and search the catalog");
        sink.link_();
        sink.text(".");
        sink.paragraph_();
        site.note().ifPresent(note -> {
            sink.paragraph();
            sink.text("Note: " + note);
            sink.paragraph_();
        });
        sink.section1_();
        sink.body_();
        sink.flush();
    }

    @Override
    public String getOutputName() {
        return REPORT_FOLDER;
    }

    @Override
    public String getCategoryName() {
        return CATEGORY_PROJECT_REPORTS;
    }

    @Override
    public String getName(Locale locale) {
        return "scafctl catalog";
    }

    @Override
    public String getDescription(Locale locale) {
        return "The artifacts of the scafctl catalog: browse, search, and see each solution's plugins.";
    }

    @Override
    public void setReportOutputDirectory(File directory) {
        this.reportOutputDirectory = directory;
    }

    @Override
    public File getReportOutputDirectory() {
        return reportOutputDirectory;
    }

    @Override
    public boolean isExternalReport() {
        return false;
    }

    /**
     * Always, with a site plugin of the Doxia 2 generation. An older maven-site-plugin (Maven 3.9's default is 3.12.1)
     * would call the Doxia 1 {@code generate}, which this report does not have: it would fail with an
     * {@code AbstractMethodError} and the build would go on without the report. Such a build fails here instead,
     * saying which site plugin to use.
     */
    @Override
    public boolean canGenerateReport() {
        boolean doxia1 = java.util.Arrays.stream(MavenReport.class.getMethods())
                .anyMatch(m -> m.getName().equals("generate") && m.getParameterCount() == 2
                        && m.getParameterTypes()[0].getName().equals("org.codehaus.doxia.sink.Sink"));
        if (doxia1) {
            throw new IllegalStateException("scafctl:catalog-site is a report for maven-site-plugin " + MINIMUM_SITE_PLUGIN
                    + " or later (Doxia 2), but this build runs an older one; set <version>" + MINIMUM_SITE_PLUGIN
                    + "</version> (or later) for org.apache.maven.plugins:maven-site-plugin in <pluginManagement>");
        }
        return true;
    }

    /** The first maven-site-plugin of the Doxia 2 generation, whose reporting API this report implements. */
    static final String MINIMUM_SITE_PLUGIN = "3.20.0";
}
