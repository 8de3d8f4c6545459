package dev.scafctl.catalog.solution;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scafctl.catalog.artifact.Platform;
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
        return LockGuard.apply(solution, installer, LINUX, false, frozen);
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
        assertTrue(e.getMessage().contains("mvn scafctl:build-solution"), e.getMessage());
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
        assertFalse(LockGuard.apply(solution, installer, LINUX, true, true).written(), "served from the cache alone");
    }
}
