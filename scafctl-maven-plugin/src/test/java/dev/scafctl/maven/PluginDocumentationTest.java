package dev.scafctl.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The parameter javadoc is the one source of the goals' documentation (help, the site's goal pages): every parameter
 * has it, and the hand-written pages (README.md, src/site) name no {@code scafctl.*} property that no goal declares.
 * Reads the plugin descriptor that maven-plugin-plugin generated from the sources before the tests run.
 */
class PluginDocumentationTest {

    private static final Path DESCRIPTOR = Path.of("target/classes/META-INF/maven/plugin.xml");

    /**
     * Properties that are no goal's parameter but are real: the lock extension's switches and the project property
     * it sets, and {@code scafctl.version}, which the documentation names to say that it is not read (it is the
     * usual name for this plugin's own version).
     */
    private static final Set<String> NOT_GOAL_PROPERTIES = Set.of("scafctl.lock.frozen", "scafctl.lock.skip",
            "scafctl.lock.update", "scafctl.lock.file", "scafctl.version");

    /** The lock extension's per-plugin project properties: {@code scafctl.plugin.<name>.version}, {@code .digest}, {@code .path}. */
    private static final Pattern PLUGIN_PROPERTY = Pattern.compile("scafctl\\.plugin\\.<name>\\.(version|digest|path|\\*)");

    /**
     * A {@code scafctl.*} name in prose or after {@code -D}: not part of a longer dotted name, file name or path
     * ({@code dev.scafctl.x}, {@code .scafctl.lock.yaml}).
     */
    private static final Pattern PROPERTY = Pattern.compile("(?:(?<=-D)|(?<![\\w./-]))scafctl\\.[A-Za-z][\\w.<>*-]*");

    @Test
    void everyGoalParameterHasADescription() throws Exception {
        List<String> undocumented = new ArrayList<>();
        int parameters = 0;
        for (Element mojo : children(descriptor().getDocumentElement(), "mojos", "mojo")) {
            String goal = text(mojo, "goal");
            for (Element parameter : children(mojo, "parameters", "parameter")) {
                if (!Boolean.parseBoolean(text(parameter, "editable"))) {
                    continue; // ${project}, ${session} and the like: not the user's to set, not on the goal page
                }
                parameters++;
                if (text(parameter, "description").isBlank()) {
                    undocumented.add(goal + " " + text(parameter, "name"));
                }
            }
        }
        assertTrue(parameters > 50, "the descriptor lists the goals' parameters: " + parameters);
        assertEquals(List.of(), undocumented, "parameters without javadoc (write it on the @Parameter field)");
    }

    @Test
    void descriptionsShowNoJavadocOrExpressionDebris() throws Exception {
        List<String> broken = new ArrayList<>();
        Pattern unclosedExpression = Pattern.compile("\\$\\{[^}]*[\\s/]");
        for (Element mojo : children(descriptor().getDocumentElement(), "mojos", "mojo")) {
            for (Element parameter : children(mojo, "parameters", "parameter")) {
                String description = text(parameter, "description");
                if (description.contains("{@") || unclosedExpression.matcher(description).find()
                        || description.contains("See CatalogParameter")) {
                    broken.add(text(mojo, "goal") + " " + text(parameter, "name") + ": " + description);
                }
            }
        }
        assertEquals(List.of(), broken);
    }

    @Test
    void theDocumentationNamesOnlyDeclaredProperties() throws Exception {
        Set<String> declared = declaredProperties();
        assertTrue(declared.contains("scafctl.format") && declared.contains("scafctl.catalogDir"), declared.toString());
        List<Path> pages = documentationPages();
        assertTrue(pages.size() > 5, "README.md and the site's pages: " + pages);
        Set<String> unknown = new TreeSet<>();
        int named = 0;
        for (Path page : pages) {
            Matcher m = PROPERTY.matcher(Files.readString(page));
            while (m.find()) {
                String property = m.group().replaceAll("[.*-]+$", "");
                named++;
                if (!declared.contains(property) && !NOT_GOAL_PROPERTIES.contains(property)
                        && !PLUGIN_PROPERTY.matcher(m.group()).lookingAt() && !property.equals("scafctl.io")) {
                    unknown.add(property + " (" + page + ")");
                }
            }
        }
        assertTrue(named > 20, "the pages name properties: " + named);
        assertEquals(Set.of(), unknown, "properties the documentation names but no goal declares");
    }

    /** The user properties ({@code ${scafctl.x}}) of every goal's parameters. */
    static Set<String> declaredProperties() throws Exception {
        Set<String> properties = new TreeSet<>();
        Pattern expression = Pattern.compile("\\$\\{(scafctl\\.[^}]+)}");
        for (Element mojo : children(descriptor().getDocumentElement(), "mojos", "mojo")) {
            Element configuration = child(mojo, "configuration");
            if (configuration == null) {
                continue;
            }
            NodeList values = configuration.getChildNodes();
            for (int i = 0; i < values.getLength(); i++) {
                Matcher m = expression.matcher(values.item(i).getTextContent());
                if (values.item(i).getNodeType() == Node.ELEMENT_NODE && m.matches()) {
                    properties.add(m.group(1));
                }
            }
        }
        return properties;
    }

    static List<Path> documentationPages() throws IOException {
        List<Path> pages = new ArrayList<>();
        pages.add(Path.of("../README.md"));
        try (Stream<Path> site = Files.walk(Path.of("src/site"))) {
            site.filter(p -> p.toString().endsWith(".md") || p.toString().endsWith(".md.vm")).sorted().forEach(pages::add);
        }
        pages.forEach(page -> assertTrue(Files.isRegularFile(page), page.toString()));
        return pages;
    }

    static Document descriptor() throws Exception {
        assertTrue(Files.isRegularFile(DESCRIPTOR), "generated by the build before the tests: " + DESCRIPTOR.toAbsolutePath());
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(DESCRIPTOR.toFile());
    }

    static List<Element> children(Element parent, String container, String name) {
        Element holder = child(parent, container);
        List<Element> found = new ArrayList<>();
        if (holder != null) {
            NodeList nodes = holder.getChildNodes();
            for (int i = 0; i < nodes.getLength(); i++) {
                if (nodes.item(i) instanceof Element e && e.getTagName().equals(name)) {
                    found.add(e);
                }
            }
        }
        return found;
    }

    static Element child(Element parent, String name) {
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element e && e.getTagName().equals(name)) {
                return e;
            }
        }
        return null;
    }

    static String text(Element parent, String name) {
        Element e = child(parent, name);
        return e == null ? "" : e.getTextContent().strip();
    }
}
