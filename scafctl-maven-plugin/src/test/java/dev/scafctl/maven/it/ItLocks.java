package dev.scafctl.maven.it;

import dev.scafctl.catalog.solution.SolutionDocument;
import dev.scafctl.catalog.BuildTimestamp;
import dev.scafctl.catalog.artifact.ArtifactKind;
import dev.scafctl.catalog.artifact.ArtifactName;
import dev.scafctl.catalog.artifact.ArtifactReference;
import dev.scafctl.catalog.artifact.Platform;
import dev.scafctl.catalog.artifact.Version;
import dev.scafctl.catalog.local.LocalCatalog;
import dev.scafctl.catalog.lock.LockFile;
import dev.scafctl.catalog.lock.LockFileWriter;
import dev.scafctl.catalog.plugin.BuiltPlugin;
import dev.scafctl.catalog.plugin.PlatformBinary;
import dev.scafctl.catalog.plugin.PluginBuildRequest;
import dev.scafctl.catalog.plugin.PluginCache;
import dev.scafctl.catalog.plugin.PluginImageBuilder;
import dev.scafctl.catalog.plugin.PluginInstaller;
import dev.scafctl.catalog.remote.BlobLocations;
import dev.scafctl.catalog.remote.CatalogPusher;
import dev.scafctl.catalog.remote.CredentialSource;
import dev.scafctl.catalog.remote.Registry;
import dev.scafctl.catalog.remote.RegistryClient;
import dev.scafctl.catalog.remote.RemoteCatalog;
import dev.scafctl.catalog.remote.TransferListener;
import dev.scafctl.catalog.remote.Transport;
import dev.scafctl.catalog.solution.SolutionLocker;
import dev.scafctl.catalog.solution.SolutionPlugins;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Set-up steps for the lock extension's invoker projects: plugins in a catalog, a lock, the extension registered. */
public final class ItLocks {

    private ItLocks() {}

    /** Registers the extension under test in {@code .mvn/extensions.xml}. */
    public static void registerExtension(File basedir, String version) {
        write(basedir.toPath().resolve(".mvn/extensions.xml"), "<extensions>\n  <extension>\n    <groupId>dev.scafctl</groupId>\n"
                + "    <artifactId>scafctl-lock-extension</artifactId>\n    <version>" + version + "</version>\n"
                + "  </extension>\n</extensions>\n");
    }

    /** Builds {@code name@version} for linux/amd64 and darwin/arm64 into the catalog folder; returns its index digest. */
    public static String publish(File catalogDir, File work, String name, String version) {
        LocalCatalog catalog = LocalCatalog.open(catalogDir.toPath());
        List<String> binaries = new ArrayList<>();
        for (String platform : List.of("linux/amd64", "darwin/arm64")) {
            Path binary = work.toPath().resolve("bin/" + name + "-" + version + "-" + platform.replace('/', '-'));
            write(binary, "#!/bin/sh\necho " + name + " " + version + " " + platform + "\n");
            binaries.add(platform + "=" + binary);
        }
        BuiltPlugin built = new PluginImageBuilder(catalog).build(new PluginBuildRequest(new ArtifactReference(
                ArtifactKind.PROVIDER, ArtifactName.of(name), Version.parse(version)),
                PlatformBinary.parseAll(binaries, work.toPath()), BuildTimestamp.EPOCH, true));
        return built.index().digest().toString();
    }

    /**
     * Writes {@code solution.yaml} of the solution "guarded", which needs echo {@code ^1} and the further
     * {@code bundle.plugins} entries given (flow mappings such as {@code {name: x, kind: provider, version: "^3"}}).
     */
    /** Builds provider {@code name@version} into {@code catalogDir} and pushes it to {@code catalogUrl} (plain HTTP). */
    public static void publishTo(String catalogUrl, File catalogDir, File work, String name, String version) {
        publish(catalogDir, work, name, version);
        Function<Registry, RegistryClient> clients = r -> new RegistryClient(r, CredentialSource.anonymous(), Transport.defaults());
        new CatalogPusher(LocalCatalog.open(catalogDir.toPath()), clients, new BlobLocations(), TransferListener.NONE, line -> { })
                .push(new ArtifactReference(ArtifactKind.PROVIDER, ArtifactName.of(name), Version.parse(version)),
                        RemoteCatalog.parse(null, catalogUrl, false, null), new CatalogPusher.Options(false));
    }

    public static File guardedSolution(File basedir, String... morePlugins) {
        StringBuilder text = new StringBuilder("metadata:\n  name: guarded\n  version: 1.0.0\nbundle:\n  plugins:\n"
                + "    - {name: echo, kind: provider, version: \"^1\"}\n");
        for (String plugin : morePlugins) {
            text.append("    - ").append(plugin).append('\n');
        }
        File solution = new File(basedir, "solution.yaml");
        write(solution.toPath(), text.toString());
        return solution;
    }

    /** Writes the lock of {@code solution} as the plugin would, resolving from the catalog folder. */
    public static void lock(File solution, File catalogDir) {
        PluginInstaller installer = new PluginInstaller(LocalCatalog.open(catalogDir.toPath()), List.of(),
                r -> { throw new IllegalStateException("local only"); }, new PluginCache(catalogDir.toPath().resolve("../unused-cache")),
                TransferListener.NONE, line -> { });
        Path lockFile = solution.toPath().toAbsolutePath().getParent().resolve(LockFile.FILE_NAME);
        SolutionLocker.Outcome outcome = SolutionLocker.lock(lockFile, SolutionDocument.readPlugins(solution.toPath()).plugins(), Optional.empty(),
                false, requirement -> installer.pin(requirement, false), Platform.parseSupported("linux/amd64"), List.of());
        LockFileWriter.write(lockFile, outcome.lock());
    }

    /** Replaces text in a file (to tamper with a lock, say). */
    public static void replace(File file, String from, String to) {
        try {
            String text = Files.readString(file.toPath());
            if (!text.contains(from)) {
                throw new IllegalStateException(file + " does not contain " + from);
            }
            Files.writeString(file.toPath(), text.replace(from, to));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
