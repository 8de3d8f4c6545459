package dev.scafctl.catalog.site;

import dev.scafctl.catalog.solution.SolutionDocument;
import dev.scafctl.catalog.BuildTimestamp;
import dev.scafctl.catalog.artifact.ArtifactKind;
import dev.scafctl.catalog.artifact.ArtifactName;
import dev.scafctl.catalog.artifact.ArtifactReference;
import dev.scafctl.catalog.artifact.Platform;
import dev.scafctl.catalog.artifact.Version;
import dev.scafctl.catalog.local.LocalCatalog;
import dev.scafctl.catalog.lock.LockedPlugin;
import dev.scafctl.catalog.oci.Annotations;
import dev.scafctl.catalog.oci.Descriptor;
import dev.scafctl.catalog.oci.Digest;
import dev.scafctl.catalog.oci.ImageIndex;
import dev.scafctl.catalog.oci.MediaTypes;
import dev.scafctl.catalog.plugin.BuiltPlugin;
import dev.scafctl.catalog.plugin.PluginFixtures;
import dev.scafctl.catalog.plugin.PluginImageBuilder;
import dev.scafctl.catalog.solution.SolutionBuild;
import dev.scafctl.catalog.solution.SolutionImageBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A small real catalog for the site's tests, built with the project's own builders: three providers and an auth
 * handler that record their provider / auth-handler names, a base solution, and a solution that declares two plugins,
 * pins them in its lock and vendors the base solution.
 */
final class SiteFixtures {

    static final BuildTimestamp CREATED = BuildTimestamp.parse("2026-11-21T00:00:00Z");
    /** A description that would break the page if it were not escaped. */
    static final String HOSTILE = "Deploys </script><script>window.HACKED=1</script> apps & <b>more</b>";

    private SiteFixtures() {}

    static LocalCatalog fill(Path work) {
        LocalCatalog catalog = LocalCatalog.open(work.resolve("catalog"));
        plugin(catalog, work, ArtifactKind.PROVIDER, "aws-provider", "1.2.0", "aws,s3");
        BuiltPlugin aws = plugin(catalog, work, ArtifactKind.PROVIDER, "aws-provider", "1.10.0", "aws,ec2,s3");
        plugin(catalog, work, ArtifactKind.PROVIDER, "aws-provider", "1.0.0", "aws");
        plugin(catalog, work, ArtifactKind.PROVIDER, "gcp-provider", "2.0.0", "gcs,bigquery");
        plugin(catalog, work, ArtifactKind.PROVIDER, "shell-provider", "0.3.0", null);
        BuiltPlugin okta = plugin(catalog, work, ArtifactKind.AUTH_HANDLER, "okta-handler", "1.0.0", "okta");
        solution(catalog, work, "base-net", """
                metadata:
                  name: base-net
                  version: 1.0.0
                  description: Networking every solution builds on
                  tags: [network, base]
                spec:
                  resolvers: {}
                """, List.of());
        solution(catalog, work, "deploy-app", """
                metadata:
                  name: deploy-app
                  version: 1.0.0
                  description: "%s"
                  tags: [deploy, cloud]
                bundle:
                  plugins:
                    - name: aws-provider
                      kind: provider
                      version: "^1.0.0"
                    - name: okta-handler
                      kind: auth-handler
                      version: "^1"
                spec:
                  workflow:
                    actions:
                      network:
                        provider: solution
                        inputs:
                          source: "base-net@^1"
                """.formatted(HOSTILE), List.of(pin(catalog, aws), pin(catalog, okta)));
        return catalog;
    }

    static BuiltPlugin plugin(LocalCatalog catalog, Path work, ArtifactKind kind, String name, String version, String names) {
        Path dir = work.resolve("bin").resolve(name + "-" + version);
        BuiltPlugin built = new PluginImageBuilder(catalog).build(PluginFixtures.request(kind, name, version,
                PluginFixtures.binaries(dir, name, Platform.SUPPORTED.subList(0, 2), version), work, false));
        if (names != null) {
            annotate(catalog, built.reference(), kind == ArtifactKind.PROVIDER ? Annotations.PROVIDER_NAMES
                    : Annotations.AUTH_HANDLER_NAMES, names);
        }
        return built;
    }

    /** Records capability names on a plugin's index, as build-plugin does once it reads them from the binary. */
    static void annotate(LocalCatalog catalog, ArtifactReference reference, String key, String value) {
        Descriptor entry = catalog.require(reference);
        ImageIndex index = ImageIndex.parse(catalog.readBlob(entry.digest()), reference.toString());
        SortedMap<String, String> annotations = new TreeMap<>(index.annotations());
        annotations.put(key, value);
        Descriptor stored = catalog.putBlob(MediaTypes.IMAGE_INDEX, new ImageIndex(index.manifests(), annotations).toJson())
                .withAnnotations(annotations);
        catalog.tagVersion(reference, stored, true);
    }

    static void solution(LocalCatalog catalog, Path work, String folder, String yaml, List<LockedPlugin> pins) {
        Path file = work.resolve("solutions").resolve(folder).resolve("solution.yaml");
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        SolutionBuild.Prepared prepared = SolutionBuild.prepare(SolutionDocument.read(file), catalog);
        new SolutionImageBuilder(catalog).build(new SolutionImageBuilder.Request(prepared.solution(), null, CREATED, false,
                50 << 20, pins), prepared.files(), prepared.vendored(), prepared.composed(), prepared.plugins());
    }

    private static LockedPlugin pin(LocalCatalog catalog, BuiltPlugin plugin) {
        Descriptor index = catalog.require(plugin.reference());
        return new LockedPlugin(plugin.reference().name(), plugin.reference().kind(), plugin.reference().version(),
                Optional.empty(), LocalCatalog.NAME, Optional.of(index.digest()), new TreeMap<>());
    }

    /**
     * {@code count} versions of small providers, {@code filler-<n % 100>} at {@code 1.<n / 100>.0}, each recording a
     * provider name, for the scale check and the benchmark.
     */
    static LocalCatalog many(Path work, int count) {
        LocalCatalog catalog = LocalCatalog.open(work.resolve("catalog"));
        List<String> specification = new ArrayList<>();
        Path binary = work.resolve("filler.bin");
        try {
            Files.writeString(binary, "#!/bin/sh\necho filler\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        specification.add("linux/amd64=" + binary);
        for (int n = 0; n < count; n++) {
            ArtifactReference reference = new ArtifactReference(ArtifactKind.PROVIDER, ArtifactName.of("filler-" + (n % 100)),
                    Version.parse("1." + (n / 100) + ".0"));
            new PluginImageBuilder(catalog).build(new dev.scafctl.catalog.plugin.PluginBuildRequest(reference,
                    dev.scafctl.catalog.plugin.PlatformBinary.parseAll(specification, work), CREATED, true));
            annotate(catalog, reference, Annotations.PROVIDER_NAMES, "fill" + (n % 100));
        }
        return catalog;
    }

    static Digest digestOf(LocalCatalog catalog, String refName) {
        return catalog.resolve(refName).orElseThrow().digest();
    }
}
