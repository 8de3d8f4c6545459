package dev.scafctl.catalog.site;

import dev.scafctl.catalog.CatalogException;
import dev.scafctl.catalog.InvalidInputException;
import dev.scafctl.catalog.local.AtomicFiles;
import dev.scafctl.catalog.oci.CanonicalJson;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * Writes a {@link CatalogSite} as a static, self-contained site: {@code index.html}, {@code site.css},
 * {@code site.js} (all our own, no library, nothing fetched at view time) and {@code catalog-data.js}, the data as
 * {@code window.SCAFCTL_CATALOG = {...};} because a page opened from {@code file://} cannot fetch JSON. The same site
 * always gives the same bytes. The site is written to a sibling folder and then moved into place, so a reader never
 * sees half a site.
 */
public final class CatalogSiteWriter {

    /** The files of a site, in the order they are written; {@code catalog-data.js} marks a folder as a site. */
    public static final List<String> FILES = List.of("index.html", "site.css", "site.js", "catalog-data.js");
    static final String DATA_FILE = "catalog-data.js";
    private static final List<String> ASSETS = FILES.subList(0, 3);

    private CatalogSiteWriter() {}

    /**
     * Writes the site into {@code folder}, replacing an earlier site there, and returns its {@code index.html}.
     *
     * @throws InvalidInputException when {@code folder} is a file, or a folder with other content than a site
     */
    public static Path write(CatalogSite site, Path folder) {
        Path target = folder.toAbsolutePath().normalize();
        refuseForeign(target);
        Path parent = target.getParent();
        Path staging = parent.resolve("." + target.getFileName() + ".writing");
        Path previous = parent.resolve("." + target.getFileName() + ".previous");
        try {
            Files.createDirectories(parent);
            AtomicFiles.deleteTree(staging);
            AtomicFiles.deleteTree(previous);
            Files.createDirectories(staging);
            for (String asset : ASSETS) {
                Files.write(staging.resolve(asset), asset(asset));
            }
            Files.write(staging.resolve(DATA_FILE), data(site));
            if (Files.exists(target)) {
                Files.move(target, previous, StandardCopyOption.ATOMIC_MOVE);
            }
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            AtomicFiles.deleteTree(previous);
        } catch (IOException e) {
            throw new CatalogException("cannot write the catalog site to " + target + ": " + e.getMessage(), e);
        }
        return target.resolve("index.html");
    }

    /** The content of {@code catalog-data.js}: canonical JSON, with {@code <} and the JavaScript line breaks escaped. */
    static byte[] data(CatalogSite site) {
        String json = new String(CanonicalJson.write(site.toTree()), StandardCharsets.UTF_8)
                .replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
                .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029");
        return ("window.SCAFCTL_CATALOG = " + json + ";\n").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] asset(String name) throws IOException {
        try (InputStream in = CatalogSiteWriter.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the site asset " + name + " is missing from the class path");
            }
            return in.readAllBytes();
        }
    }

    private static void refuseForeign(Path target) {
        if (Files.isRegularFile(target)) {
            throw new InvalidInputException("the site folder " + target + " is a file; name a folder (scafctl.output)");
        }
        if (!Files.isDirectory(target) || Files.isRegularFile(target.resolve(DATA_FILE))) {
            return;
        }
        try (Stream<Path> children = Files.list(target)) {
            if (children.findAny().isPresent()) {
                throw new InvalidInputException("the site folder " + target + " holds other files than a catalog site;"
                        + " name an empty or new folder (scafctl.output), as it is replaced as a whole");
            }
        } catch (IOException e) {
            throw new CatalogException("cannot read " + target + ": " + e.getMessage(), e);
        }
    }
}
