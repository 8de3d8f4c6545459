package dev.scafctl.catalog.solution;

import dev.scafctl.catalog.artifact.PluginRequirement;
import dev.scafctl.catalog.local.LocalCatalog;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The steps of a solution build before anything is stored, in scafctl's order, for a solution already read and
 * validated: compose, find the bundled files (honouring {@code .scafctlignore}), vendor catalog dependencies. The
 * result is what the lock and the image builder need.
 */
public final class SolutionBuild {

    /** A solution ready to be locked and stored. */
    public record Prepared(SolutionDocument solution, List<Path> composed, List<BundleFile> files,
            List<VendoredSolution> vendored, List<PluginRequirement> plugins) {}

    private SolutionBuild() {}

    /**
     * Composes, finds and vendors for a solution read (and validated) by {@link SolutionDocument#read}; the file is
     * not read again. Composing and vendoring change {@code solution}'s tree.
     */
    public static Prepared prepare(SolutionDocument solution, LocalCatalog catalog) {
        List<PluginRequirement> plugins = solution.plugins();
        List<Path> composed = Composer.compose(solution);
        List<String> excludes = Tree.texts(Tree.at(solution.tree(), "bundle", "exclude"), solution.file() + ": bundle.exclude");
        List<BundleFile> files = new ArrayList<>(FileDiscovery.discover(solution, IgnoreRules.of(solution.folder(), excludes)));
        Vendoring.Result vendored = new Vendoring(catalog).vendor(solution);
        files.removeIf(f -> f.path().startsWith(Vendoring.FOLDER));
        files.addAll(vendored.files());
        files.sort(Comparator.comparing(BundleFile::path));
        return new Prepared(solution, composed, List.copyOf(files), vendored.solutions(), plugins);
    }
}
