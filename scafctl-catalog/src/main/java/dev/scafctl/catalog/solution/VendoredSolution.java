package dev.scafctl.catalog.solution;

import dev.scafctl.catalog.oci.Digest;
import java.util.List;
import java.util.Optional;

/** A catalog solution a solution depends on, copied into its bundle under {@code .scafctl/vendor/}. */
public record VendoredSolution(String ref, String name, String resolvedVersion, String constraint, Digest digest,
        String resolvedFrom, String vendoredAt) {

    /**
     * The vendored solutions a stored solution's YAML (layer 0) points at, as {@code name@version}, sorted: the
     * {@code source} inputs that the build rewrote to {@code .scafctl/vendor/<name>@<version>.yaml}.
     */
    public static List<String> referencedBy(byte[] solutionYaml) {
        return References.of(dev.scafctl.catalog.yaml.YamlNode.parse(java.nio.file.Path.of("the stored solution.yaml"),
                new String(solutionYaml, java.nio.charset.StandardCharsets.UTF_8)).toValue()).stream()
                .filter(reference -> reference.value().startsWith(Vendoring.FOLDER))
                .map(References.Reference::catalogDependency).flatMap(Optional::stream)
                .distinct().sorted().toList();
    }
}
