package dev.scafctl.catalog.solution;

import dev.scafctl.catalog.ArtifactNotFoundException;
import dev.scafctl.catalog.InvalidInputException;
import dev.scafctl.catalog.artifact.ArtifactKind;
import dev.scafctl.catalog.artifact.ArtifactName;
import dev.scafctl.catalog.artifact.ArtifactReference;
import dev.scafctl.catalog.artifact.Version;
import dev.scafctl.catalog.artifact.VersionConstraint;
import dev.scafctl.catalog.local.LocalCatalog;
import dev.scafctl.catalog.oci.Digest;
import dev.scafctl.catalog.oci.ImageManifest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Copies the catalog solutions a solution depends on ({@code solution} provider sources such as
 * {@code deploy@^1.5}) into its bundle as {@code .scafctl/vendor/<name>@<version>.yaml}, recursively, and points the
 * sources at the copies. Dependencies come from the local catalog, as in scafctl. Unlike scafctl, a cycle is an
 * error that names it, and one name resolving to two versions is an error too.
 */
final class Vendoring {

    static final String FOLDER = ".scafctl/vendor/";

    /** The vendored solutions and their bundle files. */
    record Result(List<VendoredSolution> solutions, List<BundleFile> files) {}

    private final LocalCatalog catalog;
    private final Map<String, VendoredSolution> byName = new LinkedHashMap<>();
    private final List<BundleFile> files = new ArrayList<>();

    Vendoring(LocalCatalog catalog) {
        this.catalog = catalog;
    }

    /** Vendors what {@code solution} depends on and rewrites its sources to the vendored paths. */
    Result vendor(SolutionDocument solution) {
        String root = solution.name() + "@" + solution.metadata("version");
        vendorAll(solution.tree(), List.of(root), true);
        return new Result(List.copyOf(byName.values()), List.copyOf(files));
    }

    private void vendorAll(Object tree, List<String> chain, boolean rewrite) {
        for (References.Reference reference : References.of(tree)) {
            Optional<String> dependency = reference.catalogDependency();
            if (dependency.isEmpty()) {
                continue;
            }
            VendoredSolution vendored = vendorOne(dependency.get(), chain);
            if (rewrite) {
                rewrite(reference, vendored.vendoredAt());
            }
        }
    }

    private VendoredSolution vendorOne(String ref, List<String> chain) {
        int at = ref.lastIndexOf('@');
        ArtifactName name;
        try {
            name = ArtifactName.of(ref.substring(0, at));
        } catch (InvalidInputException e) {
            throw new InvalidInputException("dependency \"" + ref + "\": " + e.getMessage());
        }
        String wanted = ref.substring(at + 1);
        Version exact = Version.parseOrNull(wanted);
        VersionConstraint constraint = exact != null ? null : parseConstraint(ref, wanted);
        List<Version> available = catalog.versions(ArtifactKind.SOLUTION, name);
        Version version = exact != null ? exact : constraint.highest(available).orElseThrow(() -> new ArtifactNotFoundException(
                "no version of \"" + name + "\" satisfies constraint \"" + wanted + "\" (available: "
                        + (available.isEmpty() ? "none" : available.stream().sorted().map(Version::toString).toList()) + ")"));
        String label = name + "@" + version;
        for (String link : chain) {
            if (link.startsWith(name + "@")) {
                List<String> cycle = new ArrayList<>(chain.subList(chain.indexOf(link), chain.size()));
                cycle.add(label);
                throw new InvalidInputException("circular solution dependency: " + String.join(" -> ", cycle));
            }
        }
        VendoredSolution known = byName.get(name.value());
        if (known != null) {
            if (!known.resolvedVersion().equals(version.toString())) {
                throw new InvalidInputException("version conflict for \"" + name + "\": \"" + ref + "\" resolves to " + label
                        + ", but \"" + known.ref() + "\" already resolved to " + name + "@" + known.resolvedVersion());
            }
            return known;
        }
        byte[] yaml = solutionYaml(new ArtifactReference(ArtifactKind.SOLUTION, name, version));
        String path = FOLDER + label + ".yaml";
        VendoredSolution vendored = new VendoredSolution(ref, name.value(), version.toString(),
                constraint == null ? null : wanted, Digest.of(yaml), LocalCatalog.NAME, path);
        byName.put(name.value(), vendored);
        files.add(BundleFile.inMemory(path, yaml));
        List<String> deeper = new ArrayList<>(chain);
        deeper.add(label);
        vendorAll(dev.scafctl.catalog.yaml.YamlNode.parse(java.nio.file.Path.of(path),
                new String(yaml, java.nio.charset.StandardCharsets.UTF_8)).toValue(), deeper, false);
        return vendored;
    }

    private static VersionConstraint parseConstraint(String ref, String wanted) {
        try {
            return VersionConstraint.parse(wanted);
        } catch (InvalidInputException e) {
            throw new InvalidInputException("invalid version or constraint \"" + wanted + "\" in ref \"" + ref + "\": "
                    + e.getMessage());
        }
    }

    private byte[] solutionYaml(ArtifactReference reference) {
        var entry = catalog.resolve(reference.localRefName()).orElseThrow(() -> new ArtifactNotFoundException(
                "failed to vendor " + reference + ": artifact \"" + reference + "\" not found in catalog \"local\""));
        ImageManifest manifest = ImageManifest.parse(catalog.readBlob(entry.digest()), reference + " manifest");
        if (manifest.layers().isEmpty()) {
            throw new InvalidInputException(reference + " in the local catalog has no solution layer");
        }
        return catalog.readBlob(manifest.layers().get(0).digest());
    }

    /** Points the reference's {@code source} input at the vendored copy. */
    private static void rewrite(References.Reference reference, String vendoredPath) {
        reference.inputs().put("source", vendoredPath);
    }
}
