package dev.scafctl.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/**
 * Checks the site that {@code mvn site} generated into {@code target/site}: a page per goal naming every parameter
 * and its user property, the hand-written pages, and links between the pages that lead somewhere. Not a unit test
 * (surefire's default run skips it, as the site is not built yet then): the plugin's pom runs it in the
 * {@code post-site} phase, which {@code bin/test-all} reaches after the verify.
 */
class GoalPagesCheck {

    private static final Path SITE = Path.of("target/site");

    private static final List<String> GUIDES = List.of("index", "usage", "goals", "catalogs", "proxies-tls",
            "lock-file", "air-gapped", "signing", "catalog-page", "wire-format", "plugin-info");

    @Test
    void everyGoalHasAPageNamingEveryParameterAndItsProperty() throws Exception {
        List<String> missing = new ArrayList<>();
        int goals = 0;
        for (Element mojo : PluginDocumentationTest.children(PluginDocumentationTest.descriptor().getDocumentElement(),
                "mojos", "mojo")) {
            String goal = PluginDocumentationTest.text(mojo, "goal");
            Path page = SITE.resolve(goal + "-mojo.html");
            if (!Files.isRegularFile(page)) {
                missing.add(page.toString());
                continue;
            }
            goals++;
            String html = Files.readString(page);
            Element configuration = PluginDocumentationTest.child(mojo, "configuration");
            for (Element parameter : PluginDocumentationTest.children(mojo, "parameters", "parameter")) {
                if (!Boolean.parseBoolean(PluginDocumentationTest.text(parameter, "editable"))) {
                    continue;
                }
                String name = PluginDocumentationTest.text(parameter, "name");
                if (!html.contains("id=\"" + name + "\"") || !html.contains("<code>&lt;" + name + "&gt;</code>")) {
                    missing.add(goal + ": parameter " + name);
                }
                String expression = configuration == null ? "" : PluginDocumentationTest.text(configuration, name);
                if (expression.startsWith("${scafctl.") && !html.contains("<code>" + expression.substring(2,
                        expression.length() - 1) + "</code>")) {
                    missing.add(goal + ": property of " + name + " " + expression);
                }
            }
        }
        assertTrue(goals >= 16, "goal pages: " + goals);
        assertEquals(List.of(), missing);
    }

    @Test
    void theGuidesAreThereAndTheirLinksLeadSomewhere() throws Exception {
        for (String guide : GUIDES) {
            assertTrue(Files.isRegularFile(SITE.resolve(guide + ".html")), guide);
        }
        Pattern link = Pattern.compile("href=\"([\\w.-]+\\.html)(?:#([^\"]+))?\"");
        List<String> broken = new ArrayList<>();
        int links = 0;
        try (Stream<Path> pages = Files.list(SITE)) {
            for (Path page : pages.filter(p -> p.toString().endsWith(".html")).sorted().toList()) {
                Matcher m = link.matcher(Files.readString(page));
                while (m.find()) {
                    links++;
                    Path target = SITE.resolve(m.group(1));
                    if (!Files.isRegularFile(target)) {
                        broken.add(page.getFileName() + " -> " + m.group(1));
                    } else if (m.group(2) != null && !Files.readString(target).contains("id=\"" + m.group(2) + "\"")) {
                        broken.add(page.getFileName() + " -> " + m.group(1) + "#" + m.group(2));
                    }
                }
            }
        }
        assertTrue(links > 100, "links between the pages: " + links);
        assertEquals(List.of(), broken);
    }
}
