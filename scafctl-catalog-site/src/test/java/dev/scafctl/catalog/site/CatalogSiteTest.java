package dev.scafctl.catalog.site;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scafctl.catalog.InvalidInputException;
import dev.scafctl.catalog.artifact.ArtifactKind;
import dev.scafctl.catalog.artifact.ArtifactName;
import dev.scafctl.catalog.artifact.ArtifactReference;
import dev.scafctl.catalog.artifact.Version;
import dev.scafctl.catalog.local.LocalCatalog;
import dev.scafctl.catalog.remote.BlobLocations;
import dev.scafctl.catalog.remote.CatalogPusher;
import dev.scafctl.catalog.remote.RegistryClient;
import dev.scafctl.catalog.remote.RemoteCatalog;
import dev.scafctl.catalog.remote.RemoteFixtures;
import dev.scafctl.catalog.signing.RegistrySignatures;
import dev.scafctl.catalog.testing.RegistryFrontend;
import dev.scafctl.catalog.testing.RegistryServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogSiteTest {

    static final String PLUGIN = "dev.scafctl:scafctl-maven-plugin:0.1.0-SNAPSHOT";

    @TempDir
    static Path shared;

    @TempDir
    Path work;

    private static LocalCatalog catalog;

    @BeforeAll
    static void fill() {
        catalog = SiteFixtures.fill(shared);
    }

    private static SiteArtifact artifact(CatalogSite site, String kind, String name) {
        return site.artifacts().stream().filter(a -> a.kind().equals(kind) && a.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void readsEveryArtifactWithVersionsNewestFirstAndWhatTheyProvide() {
        CatalogSite site = CatalogSiteReader.local(catalog, PLUGIN);
        assertEquals(List.of("aws-provider", "base-net", "deploy-app", "gcp-provider", "okta-handler", "shell-provider"),
                site.artifacts().stream().map(SiteArtifact::name).toList());
        assertEquals(8, site.versionCount());
        assertEquals(Optional.empty(), site.pullFrom());

        SiteArtifact aws = artifact(site, "provider", "aws-provider");
        assertEquals(List.of("1.10.0", "1.2.0", "1.0.0"), aws.versions().stream().map(v -> v.description().version()).toList());
        assertEquals(List.of("aws", "ec2", "s3"), aws.provides(), "the names of every version");
        assertEquals(List.of("aws"), aws.versions().get(2).provides());
        assertEquals(2, aws.versions().get(0).description().platforms().size());
        assertTrue(aws.versions().get(0).description().platforms().get(0).size() > 0);
        assertEquals(List.of("okta"), artifact(site, "auth-handler", "okta-handler").provides());
        assertEquals(List.of(), artifact(site, "provider", "shell-provider").provides());

        SiteVersion deploy = artifact(site, "solution", "deploy-app").versions().get(0);
        assertEquals(List.of("provider/aws-provider@^1.0.0", "auth-handler/okta-handler@^1"), deploy.description().plugins());
        assertEquals(List.of("provider/aws-provider@1.10.0=" + SiteFixtures.digestOf(catalog, "provider/aws-provider:1.10.0"),
                "auth-handler/okta-handler@1.0.0=" + SiteFixtures.digestOf(catalog, "auth-handler/okta-handler:1.0.0")),
                deploy.pins());
        assertEquals(List.of("base-net@1.0.0"), deploy.vendored());
        assertEquals(List.of("deploy", "cloud"), artifact(site, "solution", "deploy-app").tags());
        assertEquals(SiteFixtures.HOSTILE, artifact(site, "solution", "deploy-app").description());
        assertEquals("2026-11-21T00:00:00Z", deploy.description().created());
    }

    /**
     * Issue 17, point 8: a solution scafctl built (v2 bundle, no dev.scafctl.solution.requires; the fixture follows
     * pkg/catalog/local.go StoreDedup) shows its plugins from bundle.plugins in its layer 0.
     */
    @Test
    void aSolutionScafctlBuiltShowsThePluginsOfItsYaml() {
        LocalCatalog theirs = LocalCatalog.open(work.resolve("theirs"));
        dev.scafctl.catalog.testing.ScafctlBuiltSolution.store(theirs, "scafctl-made", "2.0.0", """
                apiVersion: scafctl.io/v1
                kind: Solution
                metadata:
                  name: scafctl-made
                  version: 2.0.0
                bundle:
                  plugins:
                    - {name: aws-provider, kind: provider, version: "^1.2.0"}
                """);
        SiteVersion version = artifact(CatalogSiteReader.local(theirs, PLUGIN), "solution", "scafctl-made").versions().get(0);
        assertEquals(List.of("provider/aws-provider@^1.2.0"), version.description().plugins());
        assertEquals(List.of(), version.vendored());
    }

    @Test
    void writesTheSameBytesForTheSameCatalogWithTheDataEscaped() throws Exception {
        CatalogSite site = CatalogSiteReader.local(catalog, PLUGIN);
        Path first = CatalogSiteWriter.write(site, work.resolve("a/site")).getParent();
        Path second = CatalogSiteWriter.write(CatalogSiteReader.local(catalog, PLUGIN), work.resolve("b/site")).getParent();
        for (String file : CatalogSiteWriter.FILES) {
            assertArrayEquals(Files.readAllBytes(first.resolve(file)), Files.readAllBytes(second.resolve(file)), file);
        }
        String data = Files.readString(first.resolve("catalog-data.js"));
        assertTrue(data.startsWith("window.SCAFCTL_CATALOG = {"), data);
        assertFalse(data.contains("</script>") || data.contains("<"), "no < reaches the page unescaped");
        assertTrue(data.contains("\\u003c/script\\u003e"), data);
        String html = Files.readString(first.resolve("index.html"));
        assertTrue(html.contains("<link rel=\"icon\" href=\"data:,\">"), "no favicon request");
        for (String file : CatalogSiteWriter.FILES) {
            String text = Files.readString(first.resolve(file));
            assertFalse(text.matches("(?s).*(src|href)=\"(https?:)?//.*"), file + " loads nothing from the network");
        }
        try (var files = Files.list(work.resolve("a"))) {
            assertEquals(List.of("site"), files.map(p -> p.getFileName().toString()).toList(), "no staging folder left");
        }
    }

    @Test
    void replacesAnEarlierSiteButNotAFolderWithOtherFiles() throws Exception {
        Path folder = work.resolve("site");
        CatalogSiteWriter.write(CatalogSiteReader.local(catalog, PLUGIN), folder);
        Files.writeString(folder.resolve("stale.txt"), "from an earlier run");
        CatalogSiteWriter.write(new CatalogSite("empty", Optional.empty(), Optional.empty(), PLUGIN, List.of()), folder);
        assertFalse(Files.exists(folder.resolve("stale.txt")), "the site is replaced as a whole");
        assertTrue(Files.readString(folder.resolve("catalog-data.js")).contains("\"artifacts\":[]"));

        Path foreign = work.resolve("docs");
        Files.createDirectories(foreign);
        Files.writeString(foreign.resolve("README.md"), "mine");
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> CatalogSiteWriter.write(CatalogSiteReader.local(catalog, PLUGIN), foreign));
        assertTrue(e.getMessage().contains("scafctl.output"), e.getMessage());
        assertEquals("mine", Files.readString(foreign.resolve("README.md")));
    }

    @Test
    void eachVersionSaysWhetherItIsSignedAndWhetherTheTrustedKeysVerifyItFromWhatTheLocalCatalogKeeps() {
        LocalCatalog signed = SiteFixtures.fill(work.resolve("signed"));
        SiteKeys release = SiteKeys.create(work.resolve("keys"), "release");
        SiteKeys other = SiteKeys.create(work.resolve("keys"), "other");
        release.sign(signed, new ArtifactReference(ArtifactKind.PROVIDER, ArtifactName.of("aws-provider"),
                Version.parse("1.10.0")));

        CatalogSite site = CatalogSiteReader.local(signed, PLUGIN, release.trusted());

        List<SiteVersion> aws = artifact(site, "provider", "aws-provider").versions();
        assertEquals(new SiteSignatures(1, true, List.of(release.fingerprint())), aws.get(0).signatures());
        assertEquals("verified", aws.get(0).signatures().status());
        assertEquals(List.of("unsigned", "unsigned"), aws.subList(1, 3).stream().map(v -> v.signatures().status()).toList());
        assertEquals(List.of("1.10.0", "1.2.0", "1.0.0"), aws.stream().map(v -> v.description().version()).toList(),
                "the signature entry is no version");
        assertEquals(List.of(), artifact(site, "provider", "aws-provider").aliases(), "nor an alias");
        assertEquals("unverified", artifact(CatalogSiteReader.local(signed, PLUGIN, other.trusted()), "provider",
                "aws-provider").versions().get(0).signatures().status());
        assertEquals("signed", artifact(CatalogSiteReader.local(signed, PLUGIN), "provider", "aws-provider").versions()
                .get(0).signatures().status(), "without trusted keys a signature is present, not checked");
        String data = new String(CatalogSiteWriter.data(site), StandardCharsets.UTF_8);
        assertTrue(data.contains("\"verifiedBy\":[\"" + release.fingerprint() + "\"]"), data);
    }

    @Test
    void readsARegistryAndFallsBackToTheGivenNamesWhereCatalogIsRefused() {
        try (RegistryServer registry = RegistryServer.startPlain(work.resolve("registry"));
                RegistryFrontend frontend = new RegistryFrontend(registry)) {
            RemoteCatalog remote = RemoteCatalog.parse(null, "http://" + frontend.hostPort() + "/acme", false, null);
            RegistryClient client = RemoteFixtures.anonymous().apply(remote.registry());
            CatalogPusher pusher = RemoteFixtures.pusher(catalog, r -> client, new BlobLocations());
            for (String refName : List.of("provider/aws-provider:1.10.0", "provider/aws-provider:1.0.0",
                    "auth-handler/okta-handler:1.0.0", "solution/base-net:1.0.0", "solution/deploy-app:1.0.0")) {
                String[] parts = refName.split("[/:]");
                pusher.push(new ArtifactReference(ArtifactKind.parse(parts[0]), ArtifactName.of(parts[1]), Version.parse(parts[2])),
                        remote, new CatalogPusher.Options(false));
            }

            SiteKeys release = SiteKeys.create(work.resolve("keys"), "release");
            ArtifactReference aws = new ArtifactReference(ArtifactKind.PROVIDER, ArtifactName.of("aws-provider"),
                    Version.parse("1.10.0"));
            new RegistrySignatures(client, remote.repository(aws.kind(), aws.name()))
                    .sign(catalog.require(aws).digest(), release.signer());

            long before = frontend.count(r -> r.contains(".sig"));
            CatalogSite site = CatalogSiteReader.remote(client, remote, List.of(), PLUGIN, release.trusted());
            assertEquals(1, frontend.count(r -> r.contains(".sig")) - before,
                    "only the signature tag the tags list names is fetched: " + frontend.requests());
            assertEquals(new SiteSignatures(1, true, List.of(release.fingerprint())),
                    artifact(site, "provider", "aws-provider").versions().get(0).signatures(), "read from the .sig tag");
            assertEquals("unsigned", artifact(site, "provider", "aws-provider").versions().get(1).signatures().status());
            assertEquals(Optional.empty(), site.note());
            assertEquals(Optional.of("http://" + frontend.hostPort() + "/acme"), site.pullFrom());
            assertEquals(List.of("aws-provider", "base-net", "deploy-app", "okta-handler"),
                    site.artifacts().stream().map(SiteArtifact::name).toList());
            SiteVersion deploy = artifact(site, "solution", "deploy-app").versions().get(0);
            assertEquals(List.of("base-net@1.0.0"), deploy.vendored());
            assertEquals(2, deploy.pins().size());
            assertEquals(List.of("aws", "ec2", "s3"), artifact(site, "provider", "aws-provider").provides());

            frontend.failNext(1, 401, r -> r.contains("/v2/_catalog"));
            CatalogSite refused = CatalogSiteReader.remote(client, remote, List.of("deploy-app", "okta-handler"), PLUGIN);
            assertTrue(refused.note().orElseThrow().contains("does not list its repositories"), refused.note().toString());
            assertEquals(List.of("deploy-app", "okta-handler"), refused.artifacts().stream().map(SiteArtifact::name).toList());
            String data = new String(CatalogSiteWriter.data(refused), StandardCharsets.UTF_8);
            assertTrue(data.contains("\"note\":\"registry "), data);
        }
    }
}
