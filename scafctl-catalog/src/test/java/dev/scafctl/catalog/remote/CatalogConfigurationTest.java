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
import java.util.Map;
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
                "oci://nexus.corp/group", "oci://nexus.corp:8443/hosted", false, null)), config, Map.of());

        assertEquals(List.of("company", "official"), catalogs.chain().stream().map(RemoteCatalog::name).toList());
        assertEquals(Optional.of("official"), catalogs.defaultCatalog());
        RemoteCatalog company = catalogs.resolve("company");
        assertEquals("nexus.corp", company.registry().host());
        assertEquals("nexus.corp:8443", company.pushTarget().registry().host(), "Nexus: pull from the group, push to hosted");
        assertEquals("hosted", company.pushTarget().prefix());
        assertEquals("ghcr.io", catalogs.resolve("official").registry().host());
        assertEquals("other.io", catalogs.resolve("oci://other.io/x").registry().host(), "a URL is a catalog of its own");
    }

    /**
     * Issue 17, points 4 and 6: the chain scafctl builds from its config.yaml (pkg/catalog/chain_builder.go; the
     * reserved names and the official default from pkg/config/config.go mergeDefaultCatalogEntries and defaults.go;
     * URLs as pkg/catalog/url.go strips them, always TLS). The file is written as scafctl's `config init` writes it,
     * with keys in other cases too, which viper accepts.
     */
    @Test
    void theChainIsScafctlsOwnWithTheOfficialCatalogLast() throws Exception {
        Path config = Files.writeString(dir.resolve("config.yaml"), """
                catalogs:
                  - name: official
                    type: oci
                    url: oci://registry.evil.example/redirected
                  - name: local
                    type: filesystem
                    path: /somewhere
                  - name: company
                    type: oci
                    url: oci://nexus.corp/scafctl
                    authProvider: github
                  - name: pending
                    type: oci
                  - name: shared
                    type: filesystem
                    path: /mnt/shared
                  - Name: team
                    Type: oci
                    URL: http://registry.team.example:5000/tools
                settings:
                  defaultCatalog: company
                """);
        ConfiguredCatalogs catalogs = ConfiguredCatalogs.of(List.of(new CatalogDefinition("mine", "oci://mine.io/p", null,
                false, null)), config, Map.of());

        assertEquals(List.of("mine", "company", "team", "official"), catalogs.chain().stream().map(RemoteCatalog::name).toList(),
                "the plugin's own, then the file's oci catalogs with a url in order, reserved names skipped, official last");
        RemoteCatalog official = catalogs.chain().get(3);
        assertEquals("oci://ghcr.io/oakwood-commons", official.url(), "the reserved name cannot be redirected");
        RemoteCatalog team = catalogs.resolve("team");
        assertEquals("registry.team.example:5000", team.registry().host());
        assertFalse(team.registry().plainHttp(), "scafctl strips http:// and speaks TLS");
        assertEquals(2, catalogs.warnings().size(), catalogs.warnings().toString());
        assertTrue(catalogs.warnings().get(0).contains("catalog \"company\"") && catalogs.warnings().get(0).contains(
                "auth handler \"github\""), catalogs.warnings().get(0));
        assertTrue(catalogs.warnings().get(1).contains("scafctl always speaks TLS"), catalogs.warnings().get(1));

        assertEquals(List.of("mine", "official"), ConfiguredCatalogs.of(List.of(new CatalogDefinition("mine",
                "oci://mine.io/p", null, false, null)), dir.resolve("absent.yaml"), Map.of()).chain().stream()
                .map(RemoteCatalog::name).toList(), "without a file, scafctl's defaults: the official catalog");
        assertEquals(List.of("company", "team"), names(ConfiguredCatalogs.of(List.of(), config,
                Map.of("SCAFCTL_SETTINGS_DISABLEOFFICIALCATALOG", "true"))));
        Path disabled = Files.writeString(dir.resolve("disabled.yaml"), "settings:\n  DisableOfficialCatalog: true\n");
        assertEquals(List.of(), names(ConfiguredCatalogs.of(List.of(), disabled, Map.of())));
        assertEquals(List.of("official"), names(ConfiguredCatalogs.of(List.of(), disabled,
                Map.of("SCAFCTL_SETTINGS_DISABLEOFFICIALCATALOG", "false"))), "the environment overrides the file, as viper's");
    }

    private static List<String> names(ConfiguredCatalogs catalogs) {
        return catalogs.chain().stream().map(RemoteCatalog::name).toList();
    }

    @Test
    void aPlainHttpCatalogStaysPossibleInThePluginsOwnConfiguration() {
        ConfiguredCatalogs catalogs = ConfiguredCatalogs.of(List.of(new CatalogDefinition("lab", "http://127.0.0.1:5000/lab",
                null, false, null)), null, Map.of());
        assertTrue(catalogs.resolve("lab").registry().plainHttp());
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

        Path noName = Files.writeString(dir.resolve("noname.yaml"), "catalogs:\n  - type: oci\n    url: oci://x.io/y\n");
        InvalidInputException missing = assertThrows(InvalidInputException.class, () -> ConfiguredCatalogs.of(List.of(), noName));
        assertEquals(noName + ":2:5: catalogs[0] of type oci needs a name", missing.getMessage());
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
