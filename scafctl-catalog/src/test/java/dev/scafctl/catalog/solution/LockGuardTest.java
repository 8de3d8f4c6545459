package dev.scafctl.catalog.solution;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scafctl.catalog.artifact.Platform;
import dev.scafctl.catalog.artifact.PluginRequirement;
import dev.scafctl.catalog.local.LocalCatalog;
import dev.scafctl.catalog.lock.LockFile;
import dev.scafctl.catalog.plugin.BuiltPlugin;
import dev.scafctl.catalog.plugin.PluginCache;
import dev.scafctl.catalog.plugin.PluginFixtures;
import dev.scafctl.catalog.plugin.PluginImageBuilder;
import dev.scafctl.catalog.plugin.PluginInstaller;
import dev.scafctl.catalog.remote.TransferListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LockGuardTest {

    private static final Platform LINUX = Platform.parseSupported("linux/amd64");

    @TempDir
    Path work;

    private LocalCatalog catalog;
    private PluginInstaller installer;
    private Path solution;

    @BeforeEach
    void setUp() throws Exception {
        catalog = LocalCatalog.open(work.resolve("catalog"));
        installer = new PluginInstaller(catalog, List.of(), r -> { throw new AssertionError("no registry here"); },
                new PluginCache(work.resolve("cache")), TransferListener.NONE, line -> { });
        publish("echo", "1.0.0", "");
        solution = declare("^1");
    }

    private BuiltPlugin publish(String name, String version, String salt) {
        return new PluginImageBuilder(catalog).build(PluginFixtures.request(dev.scafctl.catalog.artifact.ArtifactKind.PROVIDER,
                name, version, PluginFixtures.binaries(work.resolve("dist-" + name + version + salt.hashCode()), name,
                        List.of(LINUX), salt), work, true));
    }

    private Path declare(String constraint) throws Exception {
        return Files.writeString(work.resolve("solution.yaml"), "metadata:\n  name: guarded\n  version: 1.0.0\nbundle:\n"
                + "  plugins:\n    - {name: echo, kind: provider, version: \"" + constraint + "\"}\n");
    }

    private LockGuard.Outcome guard(boolean frozen) {
        return LockGuard.apply(SolutionDocument.readPlugins(solution), installer, LINUX, false, frozen);
    }

    @Test
    void theWarmUpReadsWithoutWritingAndLeavesProblemsToTheCheck() throws Exception {
        LockGuard.warmUp(solution);
        assertFalse(Files.exists(work.resolve(LockFile.FILE_NAME)), "the warm-up wrote a lock");
        guard(false);
        byte[] lock = Files.readAllBytes(work.resolve(LockFile.FILE_NAME));
        declare("^2");
        LockGuard.warmUp(solution);
        assertArrayEquals(lock, Files.readAllBytes(work.resolve(LockFile.FILE_NAME)), "the warm-up changed the lock");
        Files.writeString(solution, "bundle: [unclosed\n");
        LockGuard.warmUp(solution); // a broken solution is apply's to report
        LockGuard.warmUp(work.resolve("absent.yaml"));
        assertThrows(dev.scafctl.catalog.InvalidInputException.class, () -> guard(false));
    }

    @Test
    void frozenWithoutALockFails() {
        LockGuard.LockViolation e = assertThrows(LockGuard.LockViolation.class, () -> guard(true));
        assertTrue(e.getMessage().contains("there is no lock file (.scafctl.lock.yaml or solution.lock) beside it"), e.getMessage());
        assertTrue(e.getMessage().contains("Update it with `mvn package -Dscafctl.lock.update=true`"), e.getMessage());
        assertFalse(Files.exists(work.resolve(LockFile.FILE_NAME)));
    }

    @Test
    void theFirstBuildProducesTheLockAndTheSecondReplaysItByteForByte() throws Exception {
        LockGuard.Outcome first = guard(false);
        assertTrue(first.written());
        assertEquals("produced .scafctl.lock.yaml: pinned echo@1.0.0 from local", first.messages().get(0));
        byte[] bytes = Files.readAllBytes(first.lockFile());

        publish("echo", "1.5.0", " newer");
        LockGuard.Outcome second = guard(false);
        assertFalse(second.written());
        assertArrayEquals(bytes, Files.readAllBytes(first.lockFile()));
        assertEquals("1.0.0", second.lock().plugins().get(0).version().toString(), "a newer match is not picked up");
        assertFalse(guard(true).written(), "frozen passes on a lock that holds");
    }

    @Test
    void anEditedConstraintIsReResolvedOrFailsFrozen() throws Exception {
        guard(false);
        publish("echo", "2.0.0", " two");
        solution = declare("^2");

        LockGuard.LockViolation frozen = assertThrows(LockGuard.LockViolation.class, () -> guard(true));
        assertTrue(frozen.getMessage().contains("provider echo: the lock pins 1.0.0, which does not satisfy ^2"), frozen.getMessage());

        LockGuard.Outcome replayed = guard(false);
        assertEquals("updated .scafctl.lock.yaml: pinned echo@2.0.0 from local", replayed.messages().get(0));
    }

    @Test
    void aRemovedPluginFailsFrozenAndIsDroppedOnReplay() throws Exception {
        guard(false);
        Files.writeString(solution, "metadata:\n  name: guarded\n  version: 1.0.0\n");
        LockGuard.LockViolation frozen = assertThrows(LockGuard.LockViolation.class, () -> guard(true));
        assertTrue(frozen.getMessage().contains("provider echo@1.0.0 is locked but no longer declared"), frozen.getMessage());
        assertEquals("updated .scafctl.lock.yaml: dropped echo@1.0.0", guard(false).messages().get(0));
    }

    @Test
    void aTamperedDigestFailsInBothModesNamingBothDigests() throws Exception {
        LockGuard.Outcome made = guard(false);
        String actual = made.lock().plugins().get(0).platforms().get("linux/amd64").toString();
        String forged = "sha256:" + "0".repeat(64);
        Files.writeString(made.lockFile(), Files.readString(made.lockFile()).replace(actual, forged));
        for (boolean frozen : List.of(true, false)) {
            LockGuard.LockViolation e = assertThrows(LockGuard.LockViolation.class, () -> guard(frozen));
            assertTrue(e.getMessage().contains("plugin binary digest mismatch for echo@1.0.0: expected " + forged + ", got "
                    + actual), e.getMessage());
        }
    }

    @Test
    void offlineWithAWarmCacheNeedsNoCatalogAtAll() throws Exception {
        LockGuard.Outcome made = guard(false);
        installer.install(List.of(new PluginRequirement(dev.scafctl.catalog.artifact.ArtifactName.of("echo"),
                dev.scafctl.catalog.artifact.ArtifactKind.PROVIDER, dev.scafctl.catalog.artifact.VersionConstraint.parse("^1"))),
                Optional.of(made.lock()), new PluginInstaller.Options(LINUX, true, 1));
        catalog.untag("provider/echo:1.0.0");
        catalog.prune(java.time.Duration.ZERO);
        assertFalse(LockGuard.apply(SolutionDocument.readPlugins(solution), installer, LINUX, true, true).written(), "served from the cache alone");
    }

    @Test
    void frozenChecksTheIndexDigestEvenWithAWarmCache() throws Exception {
        LockGuard.Outcome made = guard(false);
        installer.install(List.of(requirement("^1")), Optional.of(made.lock()), new PluginInstaller.Options(LINUX, false, 1));
        String index = made.lock().plugins().get(0).indexDigest().orElseThrow().toString();
        String forged = "sha256:" + "1".repeat(64);
        Files.writeString(made.lockFile(), Files.readString(made.lockFile()).replace(index, forged));

        assertFalse(guard(false).written(), "a developer build trusts the warm cache");
        LockGuard.LockViolation e = assertThrows(LockGuard.LockViolation.class, () -> guard(true));
        assertTrue(e.getMessage().contains("echo@1.0.0 (" + forged + ") is served by no catalog of the chain [local]"),
                e.getMessage());
    }

    @Test
    void frozenChecksEveryPlatformsDigestNotOnlyThisMachines() throws Exception {
        Platform mac = Platform.parseSupported("darwin/arm64");
        new PluginImageBuilder(catalog).build(PluginFixtures.request(dev.scafctl.catalog.artifact.ArtifactKind.PROVIDER,
                "echo", "1.0.0", PluginFixtures.binaries(work.resolve("dist-two"), "echo", List.of(LINUX, mac), ""), work, true));
        LockGuard.Outcome made = guard(false);
        String macBinary = made.lock().plugins().get(0).platforms().get("darwin/arm64").toString();
        String forged = "sha256:" + "2".repeat(64);
        Files.writeString(made.lockFile(), Files.readString(made.lockFile()).replace(macBinary, forged));

        LockGuard.LockViolation e = assertThrows(LockGuard.LockViolation.class, () -> guard(true));
        assertTrue(e.getMessage().contains("darwin/arm64: plugin binary digest mismatch for echo@1.0.0: expected " + forged
                + ", got " + macBinary), e.getMessage());
    }

    @Test
    void aPluginThisBuildMakesIsNotLookedUpAndItsPinIsHandedToTheModuleThatBuildsIt() throws Exception {
        LockGuard.Outcome made = guard(false);
        String index = made.lock().plugins().get(0).indexDigest().orElseThrow().toString();
        catalog.untag("provider/echo:1.0.0"); // a clean CI agent: the catalog does not hold it yet
        ReactorPlugin built = new ReactorPlugin(dev.scafctl.catalog.artifact.ArtifactKind.PROVIDER,
                dev.scafctl.catalog.artifact.ArtifactName.of("echo"), dev.scafctl.catalog.artifact.Version.parse("1.0.0"),
                "my-provider");

        LockGuard.Outcome frozen = LockGuard.apply(SolutionDocument.readPlugins(solution), installer, new LockGuard.Request(LINUX, false, true, false,
                List.of(built), "hint"));
        assertEquals(List.of(new LockGuard.ExpectedBuild(built, made.lock().plugins().get(0).indexDigest().orElseThrow(),
                made.lockFile())), frozen.expected());
        assertEquals(List.of(built), frozen.fromReactor());
        assertTrue(Files.readString(made.lockFile()).contains(index));
    }

    @Test
    void aBumpedReactorVersionFailsFrozenAndIsLeftToTheBuildOtherwise() throws Exception {
        guard(false);
        ReactorPlugin bumped = new ReactorPlugin(dev.scafctl.catalog.artifact.ArtifactKind.PROVIDER,
                dev.scafctl.catalog.artifact.ArtifactName.of("echo"), dev.scafctl.catalog.artifact.Version.parse("1.1.0"),
                "my-provider");

        LockGuard.LockViolation e = assertThrows(LockGuard.LockViolation.class, () -> LockGuard.apply(SolutionDocument.readPlugins(solution), installer,
                new LockGuard.Request(LINUX, false, true, false, List.of(bumped), "`mvn package` in /root")));
        assertTrue(e.getMessage().contains("provider echo: the lock pins 1.0.0, but module my-provider of this build makes 1.1.0"),
                e.getMessage());
        assertTrue(e.getMessage().contains("Update it with `mvn package` in /root"), e.getMessage());

        LockGuard.Outcome developer = LockGuard.apply(SolutionDocument.readPlugins(solution), installer, new LockGuard.Request(LINUX, false, false, false,
                List.of(bumped), "hint"));
        assertEquals("updated .scafctl.lock.yaml: echo@1.1.0 (built by module my-provider): pinned by build-solution once built",
                developer.messages().get(0));
        assertTrue(developer.lock().plugins().isEmpty(), "the stale pin is not kept for the install to trip on");
    }

    @Test
    void aSnapshotTheReactorMakesIsNamedWhenNoReleaseMatches() throws Exception {
        solution = Files.writeString(work.resolve("solution.yaml"), "bundle:\n  plugins:\n"
                + "    - {name: snap, kind: provider, version: \"^1.0.0\"}\n");
        publish("snap", "1.0.0-SNAPSHOT", "");
        ReactorPlugin snapshot = new ReactorPlugin(dev.scafctl.catalog.artifact.ArtifactKind.PROVIDER,
                dev.scafctl.catalog.artifact.ArtifactName.of("snap"),
                dev.scafctl.catalog.artifact.Version.parse("1.0.0-SNAPSHOT"), "snap-module");

        dev.scafctl.catalog.ArtifactNotFoundException e = assertThrows(dev.scafctl.catalog.ArtifactNotFoundException.class,
                () -> LockGuard.apply(SolutionDocument.readPlugins(solution), installer, new LockGuard.Request(LINUX, false, false, false,
                        List.of(snapshot), "hint")));
        assertTrue(e.getMessage().contains("no version satisfies ^1.0.0 in [local]; only pre-releases match it"
                + " (1.0.0-SNAPSHOT in local), and a constraint matches a pre-release only when it names one, for example"
                + " ^1.0.0-0; module snap-module of this build makes 1.0.0-SNAPSHOT, which ^1.0.0 does not match"), e.getMessage());
    }

    private static PluginRequirement requirement(String constraint) {
        return new PluginRequirement(dev.scafctl.catalog.artifact.ArtifactName.of("echo"),
                dev.scafctl.catalog.artifact.ArtifactKind.PROVIDER, dev.scafctl.catalog.artifact.VersionConstraint.parse(constraint));
    }
}
