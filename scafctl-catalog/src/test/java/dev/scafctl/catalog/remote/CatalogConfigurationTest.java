package dev.scafctl.catalog.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scafctl.catalog.InvalidInputException;
import dev.scafctl.catalog.artifact.ArtifactKind;
import dev.scafctl.catalog.artifact.ArtifactName;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CatalogConfigurationTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({
        "oci://ghcr.io/acme, ghcr.io, acme, false, ghcr.io/acme/providers/exec",
        "https://nexus.corp:8443/scafctl/prod/, nexus.corp:8443, scafctl/prod, false, scafctl/prod/providers/exec",
        "http://127.0.0.1:5000/acme, 127.0.0.1:5000, acme, true, acme/providers/exec",
        "registry.example.com, registry.example.com, '', false, providers/exec",
    })
    void catalogUrlsFollowScafctl(String url, String host, String prefix, boolean plainHttp, String repository) {
        RemoteCatalog catalog = RemoteCatalog.parse(null, url, false, null);
        assertEquals(host, catalog.registry().host());
        assertEquals(prefix, catalog.prefix());
        assertEquals(plainHttp, catalog.registry().plainHttp());
        assertTrue((catalog.registry().host() + "/" + catalog.repository(ArtifactKind.PROVIDER, ArtifactName.of("exec")))
                .endsWith(repository));
    }

    @Test
    void badCatalogUrlsAreNamed() {
        assertThrows(InvalidInputException.class, () -> RemoteCatalog.parse(null, "ftp://x/y", false, null));
        assertThrows(InvalidInputException.class, () -> RemoteCatalog.parse(null, "oci:///prefix", false, null));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> RemoteCatalog.parse(null, "oci://h/Upper", false, null));
        assertTrue(e.getMessage().contains("\"Upper\" is not a valid OCI repository path"), e.getMessage());
    }

    @Test
    void scafctlsConfigFileAddsItsOciCatalogsAfterThePluginsOwn() throws Exception {
        Path config = Files.writeString(dir.resolve("config.yaml"), """
                catalogs:
                  - name: local
                    type: filesystem
                  - name: official
                    type: oci
                    url: oci://ghcr.io/oakwood-commons
                    authProvider: github
                settings:
                  defaultCatalog: official
                """);
        ConfiguredCatalogs catalogs = ConfiguredCatalogs.of(List.of(new CatalogDefinition("company",
                "oci://nexus.corp/group", "oci://nexus.corp:8443/hosted", false, null)), config);

        assertEquals(List.of("company", "official"), catalogs.chain().stream().map(RemoteCatalog::name).toList());
        assertEquals(Optional.of("official"), catalogs.defaultCatalog());
        RemoteCatalog company = catalogs.resolve("company");
        assertEquals("nexus.corp", company.registry().host());
        assertEquals("nexus.corp:8443", company.pushTarget().registry().host(), "Nexus: pull from the group, push to hosted");
        assertEquals("hosted", company.pushTarget().prefix());
        assertEquals("ghcr.io", catalogs.resolve("official").registry().host());
        assertEquals("other.io", catalogs.resolve("oci://other.io/x").registry().host(), "a URL is a catalog of its own");
    }

    @Test
    void aUrlOnAConfiguredRegistryKeepsItsTlsSettings() {
        Path ca = dir.resolve("ca.pem");
        ConfiguredCatalogs catalogs = ConfiguredCatalogs.of(List.of(new CatalogDefinition("corp", "oci://nexus.corp/a",
                null, false, ca)), null);
        assertEquals(ca, catalogs.resolve("oci://nexus.corp/b").registry().caFile());
        assertEquals(ca, catalogs.withConfiguredTls(new Registry("nexus.corp", false, false, null)).caFile());
        assertFalse(catalogs.withConfiguredTls(new Registry("elsewhere", false, false, null)).insecure());
    }

    @Test
    void aBrokenConfigFileIsNamedWithItsLine() throws Exception {
        Path config = Files.writeString(dir.resolve("config.yaml"), "catalogs:\n  - name: x\n    url: [unclosed\n");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ConfiguredCatalogs.of(List.of(), config));
        assertTrue(e.getMessage().startsWith(config + ":4:1: malformed YAML"), e.getMessage());

        Path noUrl = Files.writeString(dir.resolve("nourl.yaml"), "catalogs:\n  - name: x\n    type: oci\n");
        InvalidInputException missing = assertThrows(InvalidInputException.class, () -> ConfiguredCatalogs.of(List.of(), noUrl));
        assertEquals(noUrl + ":2:5: catalogs[0] of type oci needs a name and a url", missing.getMessage());
    }

    @Test
    void remoteReferencesNameRegistryPrefixKindNameAndVersion() {
        RemoteReference reference = RemoteReference.parse("ghcr.io/acme/team/auth-handlers/github-auth@^2", false, null);
        assertEquals("ghcr.io", reference.catalog().registry().host());
        assertEquals("acme/team", reference.catalog().prefix());
        assertEquals(ArtifactKind.AUTH_HANDLER, reference.kind());
        assertEquals("github-auth", reference.name().value());
        assertEquals("^2", reference.versionOrConstraint());
        assertTrue(RemoteReference.parse("http://127.0.0.1:5000/p/solutions/s@1.0.0", false, null).catalog().registry().plainHttp());
        assertThrows(InvalidInputException.class, () -> RemoteReference.parse("ghcr.io/acme/widgets/x@1.0.0", false, null));
        assertThrows(InvalidInputException.class, () -> RemoteReference.parse("ghcr.io/acme/providers/x", false, null));
    }
}
