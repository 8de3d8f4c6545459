package dev.scafctl.maven.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scafctl.catalog.InvalidInputException;
import dev.scafctl.catalog.remote.CatalogDefinition;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.codehaus.plexus.util.xml.Xpp3Dom;
import org.codehaus.plexus.util.xml.Xpp3DomBuilder;
import org.junit.jupiter.api.Test;

class ScafctlParametersTest {

    private static final Path BASEDIR = Path.of("/work/project");

    @Test
    void theExecutionsConfigurationWinsThenThePluginsThenTheUserPropertyThenTheProjects() {
        Properties user = properties("scafctl.catalogDir", "from-user", "scafctl.cacheDir", "cache-user",
                "scafctl.platform", "darwin/arm64");
        Properties project = properties("scafctl.catalogDir", "from-project", "scafctl.cacheDir", "cache-project",
                "scafctl.platform", "linux/arm64", "scafctl.catalog", "company");
        ScafctlParameters parameters = new ScafctlParameters(user, project, List.of(
                dom("<configuration><catalogDir>from-execution</catalogDir></configuration>"),
                dom("<configuration><catalogDir>from-plugin</catalogDir><cacheDir>cache-plugin</cacheDir></configuration>")),
                BASEDIR);

        assertEquals(Optional.of(BASEDIR.resolve("from-execution")), parameters.path("catalogDir", "scafctl.catalogDir"));
        assertEquals(Optional.of(BASEDIR.resolve("cache-plugin")), parameters.path("cacheDir", "scafctl.cacheDir"));
        assertEquals(Optional.of("darwin/arm64"), parameters.value("platform", "scafctl.platform"));
        assertEquals(Optional.of("company"), parameters.value("catalog", "scafctl.catalog"));
        assertEquals(Optional.empty(), parameters.value("solution", "scafctl.solution"));
    }

    @Test
    void trustedKeysAreAListInThePomAndCommaSeparatedOnTheCommandLine() {
        ScafctlParameters fromPom = new ScafctlParameters(properties("scafctl.trustedKeys", "ignored.pub"), new Properties(),
                List.of(dom("<configuration><trustedKeys><trustedKey>keys/a.pub</trustedKey>"
                        + "<trustedKey>/etc/keys/b.pub</trustedKey></trustedKeys></configuration>")), BASEDIR);
        ScafctlParameters fromProperty = new ScafctlParameters(properties("scafctl.trustedKeys", "a.pub, keys/b.pub"),
                new Properties(), List.of(), BASEDIR);

        assertEquals(List.of(BASEDIR.resolve("keys/a.pub"), Path.of("/etc/keys/b.pub")),
                fromPom.paths("trustedKeys", "scafctl.trustedKeys"));
        assertEquals(List.of(BASEDIR.resolve("a.pub"), BASEDIR.resolve("keys/b.pub")),
                fromProperty.paths("trustedKeys", "scafctl.trustedKeys"));
    }

    @Test
    void catalogsComeFromTheMostSpecificConfigurationWithTheirCaFileResolvedAgainstTheProject() {
        ScafctlParameters parameters = new ScafctlParameters(new Properties(), new Properties(), List.of(
                dom("<configuration><skip>false</skip></configuration>"),
                dom("<configuration><catalogs><catalog><name>company</name><url>oci://nexus.example.com/scafctl</url>"
                        + "<pushUrl>oci://nexus.example.com:8443/scafctl</pushUrl><caFile>certs/ca.pem</caFile></catalog>"
                        + "<catalog><name>lab</name><url>http://127.0.0.1:5000/lab</url><insecure>true</insecure></catalog>"
                        + "</catalogs></configuration>")),
                BASEDIR);

        assertEquals(List.of(
                new CatalogDefinition("company", "oci://nexus.example.com/scafctl", "oci://nexus.example.com:8443/scafctl",
                        false, BASEDIR.resolve("certs/ca.pem")),
                new CatalogDefinition("lab", "http://127.0.0.1:5000/lab", null, true, null)), parameters.catalogs());
    }

    @Test
    void aCatalogWithoutUrlNamesTheParameter() {
        ScafctlParameters parameters = new ScafctlParameters(new Properties(), new Properties(),
                List.of(dom("<configuration><catalogs><catalog><name>company</name></catalog></catalogs></configuration>")),
                BASEDIR);

        InvalidInputException e = assertThrows(InvalidInputException.class, parameters::catalogs);
        assertTrue(e.getMessage().startsWith("<catalogs>: catalog \"company\" needs a url"), e.getMessage());
    }

    @Test
    void aBlankValueCountsAsUnset() {
        ScafctlParameters parameters = new ScafctlParameters(properties("scafctl.caFile", " "),
                properties("scafctl.caFile", "ca.pem"), List.of(dom("<configuration><caFile></caFile></configuration>")),
                BASEDIR);

        assertEquals(Optional.of(BASEDIR.resolve("ca.pem")), parameters.path("caFile", "scafctl.caFile"));
        assertEquals(false, parameters.flag("insecure", "scafctl.insecure"));
    }

    @Test
    void theTimeoutTheGoalsAndTheLockExtensionUseIsReadAndCheckedInOnePlace() {
        assertEquals(java.time.Duration.ofSeconds(60), MavenCatalogAccess.timeout(new ScafctlParameters(new Properties(),
                new Properties(), List.of(), BASEDIR)), "60 s by default");
        assertEquals(java.time.Duration.ofSeconds(7), MavenCatalogAccess.timeout(new ScafctlParameters(
                properties("scafctl.timeout", "7"), new Properties(), List.of(), BASEDIR)));
        assertEquals(java.time.Duration.ofSeconds(3), MavenCatalogAccess.timeout(new ScafctlParameters(
                properties("scafctl.timeout", "7"), new Properties(), List.of(dom("<configuration><timeout>3</timeout>"
                        + "</configuration>")), BASEDIR)), "the pom's configuration wins, as for every parameter");
        for (String bad : List.of("0", "-5", "ten", "86401")) {
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> MavenCatalogAccess.timeout(
                    new ScafctlParameters(properties("scafctl.timeout", bad), new Properties(), List.of(), BASEDIR)));
            assertTrue(e.getMessage().startsWith("Invalid <timeout> (scafctl.timeout): \"" + bad + "\" is not a whole"
                    + " number of seconds from 1 to 86400"), e.getMessage());
        }
    }

    private static Properties properties(String... keysAndValues) {
        Properties properties = new Properties();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            properties.setProperty(keysAndValues[i], keysAndValues[i + 1]);
        }
        return properties;
    }

    private static Xpp3Dom dom(String xml) {
        try {
            return Xpp3DomBuilder.build(new StringReader(xml));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
