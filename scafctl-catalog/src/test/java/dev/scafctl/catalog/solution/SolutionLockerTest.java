package dev.scafctl.catalog.solution;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scafctl.catalog.artifact.ArtifactKind;
import dev.scafctl.catalog.artifact.ArtifactName;
import dev.scafctl.catalog.artifact.Platform;
import dev.scafctl.catalog.artifact.PluginRequirement;
import dev.scafctl.catalog.artifact.VersionConstraint;
import dev.scafctl.catalog.local.LocalCatalog;
import dev.scafctl.catalog.lock.LockFile;
import dev.scafctl.catalog.lock.LockFileWriter;
import dev.scafctl.catalog.lock.LockedPlugin;
import dev.scafctl.catalog.plugin.BuiltPlugin;
import dev.scafctl.catalog.plugin.PluginCache;
import dev.scafctl.catalog.plugin.PluginFixtures;
import dev.scafctl.catalog.plugin.PluginImageBuilder;
import dev.scafctl.catalog.plugin.PluginInstaller;
import dev.scafctl.catalog.remote.TransferListener;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SolutionLockerTest {

    private static final Platform LINUX = Platform.parseSupported("linux/amd64");
    private static final Platform MAC = Platform.parseSupported("darwin/arm64");

    @TempDir
    Path work;

    private LocalCatalog catalog;
    private PluginInstaller installer;
    private Path lockFile;

    @BeforeEach
    void catalogWithOnePlugin() {
        catalog = LocalCatalog.open(work.resolve("catalog"));
        installer = new PluginInstaller(catalog, List.of(), r -> { throw new AssertionError("no registry"); },
                new PluginCache(work.resolve("cache")), TransferListener.NONE, line -> { });
        lockFile = work.resolve(LockFile.FILE_NAME);
        publish("echo", "1.0.0");
    }

    private BuiltPlugin publish(String name, String version) {
        return new PluginImageBuilder(catalog).build(PluginFixtures.provider(name, version,
                PluginFixtures.binaries(work.resolve("dist-" + name + version), name, List.of(LINUX, MAC), version), work));
    }

    private SolutionLocker.Outcome lock(List<PluginRequirement> requirements, boolean update) {
        SolutionLocker.Outcome outcome = SolutionLocker.lock(lockFile, requirements,
                Files.exists(lockFile) ? Optional.of(LockFile.read(lockFile)) : Optional.empty(), update,
                requirement -> installer.pin(requirement, false), LINUX, List.of());
        LockFileWriter.write(lockFile, outcome.lock());
        return outcome;
    }

    private static PluginRequirement echo(String constraint) {
        return new PluginRequirement(ArtifactName.of("echo"), ArtifactKind.PROVIDER, VersionConstraint.parse(constraint));
    }

    @Test
    void pinsTheIndexAndEveryPlatformAndReadsBackWhatItWrote() throws Exception {
        BuiltPlugin built = publish("echo", "1.0.1");
        lock(List.of(echo("^1")), false);

        LockedPlugin pinned = LockFile.read(lockFile).plugins().get(0);
        assertEquals("1.0.1", pinned.version().toString());
        assertEquals(Optional.of(built.index().digest()), pinned.indexDigest());
        assertEquals(built.platforms().get(0).binary().digest(), pinned.binaryDigest(LINUX).orElseThrow());
        assertEquals(built.platforms().get(1).binary().digest(), pinned.binaryDigest(MAC).orElseThrow());
        assertEquals(Optional.of(built.platforms().get(0).binary().digest()), pinned.digest(), "scafctl's digest: this platform's");
        String text = Files.readString(lockFile);
        assertTrue(text.startsWith(LockFileWriter.HEADER + "version: 1\nplugins:\n    - name: echo\n      kind: provider\n"
                + "      version: 1.0.1\n"), text);

        byte[] first = Files.readAllBytes(lockFile);
        lock(List.of(echo("^1")), false);
        assertArrayEquals(first, Files.readAllBytes(lockFile), "same resolution, same bytes");
    }

    @Test
    void replayKeepsWhatStillSatisfiesAndResolvesWhatDoesNot() {
        lock(List.of(echo("^1")), false);
        publish("echo", "1.1.0");

        SolutionLocker.Outcome replayed = lock(List.of(echo("^1")), false);
        assertEquals(List.of("echo@1.0.0"), replayed.kept(), "a newer matching version is not picked up");

        SolutionLocker.Outcome narrowed = lock(List.of(echo("^1.1")), false);
        assertEquals(List.of("echo@1.1.0 from local"), narrowed.resolved());

        lock(List.of(echo("1.0.0")), false);
        SolutionLocker.Outcome updated = lock(List.of(echo("^1")), true);
        assertEquals(List.of("echo@1.1.0 from local"), updated.resolved(), "lock.update re-resolves");

        publish("other", "2.0.0");
        lock(List.of(echo("^1"), new PluginRequirement(ArtifactName.of("other"), ArtifactKind.PROVIDER,
                VersionConstraint.parse("^2"))), false);
        SolutionLocker.Outcome dropped = lock(List.of(echo("^1")), false);
        assertEquals(List.of("other@2.0.0"), dropped.dropped());
        assertEquals(1, LockFile.read(lockFile).plugins().size());
    }

    @Test
    void savingASolutionCarriesEveryPluginItsLockPins() throws Exception {
        SolutionLocker.Outcome outcome = lock(List.of(echo("^1")), false);
        Path solution = Files.writeString(work.resolve("solution.yaml"), "metadata:\n  name: pinned-app\n  version: 1.0.0\n"
                + "bundle:\n  plugins:\n    - {name: echo, kind: provider, version: \"^1\"}\n");
        SolutionBuild.Prepared prepared = SolutionBuild.prepare(SolutionDocument.read(solution), catalog);
        BuiltSolution built = new SolutionImageBuilder(catalog).build(new SolutionImageBuilder.Request(prepared.solution(), null,
                dev.scafctl.catalog.BuildTimestamp.EPOCH, false, 1 << 20, outcome.lock().plugins()), prepared.files(),
                prepared.vendored(), prepared.composed(), prepared.plugins());

        Path tar = work.resolve("app.tar");
        dev.scafctl.catalog.archive.ArtifactArchive.Summary saved = new dev.scafctl.catalog.archive.ArtifactArchive(catalog)
                .save(List.of(built.reference()), java.util.Set.of(), tar);
        assertEquals(List.of("solution/pinned-app:1.0.0", "provider/echo:1.0.0"), saved.refNames());

        LocalCatalog elsewhere = LocalCatalog.open(work.resolve("elsewhere"));
        new dev.scafctl.catalog.archive.ArtifactArchive(elsewhere).load(tar, false);
        PluginInstaller offline = new PluginInstaller(elsewhere, List.of(), r -> { throw new AssertionError("offline"); },
                new PluginCache(work.resolve("cache-elsewhere")), TransferListener.NONE, line -> { });
        assertTrue(offline.install(List.of(echo("^1")), Optional.of(LockFile.read(lockFile)),
                new PluginInstaller.Options(MAC, true, 1)).get(0).pinned());
    }

    @Test
    void aLockMadeOnLinuxVerifiesOnAMac() throws Exception {
        lock(List.of(echo("^1")), false);
        PluginInstaller.Installed installed = installer.install(List.of(echo("^1")), Optional.of(LockFile.read(lockFile)),
                new PluginInstaller.Options(MAC, true, 1)).get(0);
        assertTrue(installed.pinned());
        assertEquals(LockFile.read(lockFile).plugins().get(0).binaryDigest(MAC).orElseThrow(),
                dev.scafctl.catalog.oci.Digest.of(Files.readAllBytes(installed.file())));
        assertTrue(Files.readString(installed.file(), StandardCharsets.UTF_8).contains("darwin/arm64"));
    }
}
