package dev.scafctl.catalog.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
import dev.scafctl.catalog.oci.Digest;
import dev.scafctl.catalog.plugin.BuiltPlugin;
import dev.scafctl.catalog.plugin.PluginCache;
import dev.scafctl.catalog.plugin.PluginInstaller;
import dev.scafctl.catalog.remote.BlobLocations;
import dev.scafctl.catalog.remote.CatalogPuller;
import dev.scafctl.catalog.remote.CatalogPusher;
import dev.scafctl.catalog.remote.RemoteFixtures;
import dev.scafctl.catalog.remote.RemoteReference;
import dev.scafctl.catalog.remote.TransferListener;
import dev.scafctl.catalog.testing.SharedRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The signer in the lock ({@code signedBy}) and the frozen check of it; a pull under the signature policy. */
class SignedLockTest {

    private static final Platform LINUX = Platform.parseSupported("linux/amd64");

    @RegisterExtension
    static final SharedRegistry shared = new SharedRegistry();

    @TempDir
    Path work;

    private Openssl.KeyPair release;
    private Openssl.KeyPair coSigner;

    @BeforeEach
    void keys() {
        release = Openssl.newKeyPair(work, "release");
        coSigner = Openssl.newKeyPair(work, "co-signer");
    }

    private Digest publish(String name, Optional<Openssl.KeyPair> signedWith) {
        LocalCatalog local = LocalCatalog.open(work.resolve("publisher-" + name));
        BuiltPlugin built = RemoteFixtures.build(local, work, name, "1.0.0", List.of(LINUX), name);
        CatalogPusher.Result pushed = RemoteFixtures.pusher(local, RemoteFixtures.anonymous(), new BlobLocations())
                .push(built.reference(), RemoteFixtures.plain(shared.registry().hostPort()), new CatalogPusher.Options(false));
        signedWith.ifPresent(key -> new RegistrySignatures(RemoteFixtures.anonymous().apply(pushed.catalog().registry()),
                pushed.repository()).signRecursively(pushed.digest(), SigningKeyFile.read(key.privateKey(), Optional.empty(),
                        line -> { })));
        return pushed.digest();
    }

    private SignaturePolicy policy(boolean required) {
        return new SignaturePolicy(required, TrustedKeys.read(List.of(release.publicKey(), coSigner.publicKey())));
    }

    private PluginInstaller installer(SignaturePolicy policy) {
        return new PluginInstaller(LocalCatalog.open(work.resolve("consumer")),
                List.of(RemoteFixtures.plain(shared.registry().hostPort())), RemoteFixtures.anonymous(),
                new PluginCache(work.resolve("cache")), TransferListener.NONE, line -> { }, policy);
    }

    private static PluginRequirement requirement(String name) {
        return new PluginRequirement(ArtifactName.of(name), ArtifactKind.PROVIDER, VersionConstraint.parse("^1.0.0"));
    }

    private static LockedPlugin locked(PluginInstaller.Pin pin, Optional<KeyFingerprint> signedBy) {
        return new LockedPlugin(pin.requirement().name(), pin.requirement().kind(), pin.version(),
                Optional.of(pin.platforms().get(LINUX.toString())), pin.catalog(), Optional.of(pin.artifactDigest()),
                pin.platforms(), signedBy);
    }

    @Test
    void aPinRecordsTheTrustedSignerAndTheLockFileKeepsIt() throws Exception {
        publish("recorded", Optional.of(release));

        PluginInstaller.Pin pin = installer(policy(false)).pin(requirement("recorded"), false);

        assertEquals(Optional.of(release.fingerprint()), pin.signedBy().map(Object::toString));
        Path file = work.resolve(LockFile.FILE_NAME);
        LockFileWriter.write(file, new LockFile(file, List.of(locked(pin, pin.signedBy())), List.of()));
        assertTrue(Files.readString(file).contains("      signedBy: " + release.fingerprint() + "\n"), Files.readString(file));
        assertEquals(pin.signedBy(), LockFile.read(file).plugins().get(0).signedBy());
    }

    @Test
    void aFrozenCheckFailsWhenTheSignerDiffersFromTheLocksAndHoldsWhenItIsTheSame() {
        publish("frozen", Optional.of(release));
        PluginInstaller installer = installer(policy(true));
        PluginInstaller.Pin pin = installer.pin(requirement("frozen"), false);

        assertEquals(List.of(), installer.verifyPin(locked(pin, pin.signedBy()), LINUX, false));
        List<String> changed = installer.verifyPin(locked(pin, Optional.of(KeyFingerprint.parse(coSigner.fingerprint()))),
                LINUX, false);
        assertEquals(1, changed.size(), changed.toString());
        assertTrue(changed.get(0).contains("the lock records signedBy " + coSigner.fingerprint()) && changed.get(0)
                .contains("now verify with key " + release.fingerprint()), changed.get(0));
        List<String> unrecorded = installer.verifyPin(locked(pin, Optional.empty()), LINUX, false);
        assertTrue(unrecorded.get(0).contains("the lock records signedBy (none)"), unrecorded.toString());
    }

    @Test
    void aWarmPinnedCacheAnswersWithoutTheRegistryOnlyWhenTheLockRecordsATrustedSigner() {
        publish("cached", Optional.of(release));
        PluginInstaller online = installer(policy(true));
        PluginInstaller.Pin pin = online.pin(requirement("cached"), false);
        Path file = work.resolve(LockFile.FILE_NAME);
        LockFile vouched = new LockFile(file, List.of(locked(pin, pin.signedBy())), List.of());
        online.install(List.of(requirement("cached")), Optional.of(vouched), new PluginInstaller.Options(LINUX, false, 1));
        PluginInstaller noRegistry = new PluginInstaller(LocalCatalog.open(work.resolve("consumer")), List.of(),
                registry -> { throw new AssertionError("no registry may be asked"); }, new PluginCache(work.resolve("cache")),
                TransferListener.NONE, line -> { }, policy(true));

        PluginInstaller.Installed hit = noRegistry.install(List.of(requirement("cached")), Optional.of(vouched),
                new PluginInstaller.Options(LINUX, true, 1)).get(0);

        assertEquals("cache", hit.catalog());
        assertEquals(pin.signedBy(), hit.signedBy());
        LockFile unvouched = new LockFile(file, List.of(locked(pin, Optional.empty())), List.of());
        assertThrows(dev.scafctl.catalog.ArtifactNotFoundException.class, () -> noRegistry.install(
                List.of(requirement("cached")), Optional.of(unvouched), new PluginInstaller.Options(LINUX, true, 1)),
                "without a trusted signedBy the cached binary is not taken on trust");
    }

    @Test
    void anUnsignedVersionCannotBeLockedWhenSignaturesAreRequired() {
        Digest digest = publish("unlockable", Optional.empty());

        UnsignedArtifactException e = assertThrows(UnsignedArtifactException.class,
                () -> installer(policy(true)).pin(requirement("unlockable"), false));
        assertTrue(e.getMessage().startsWith("provider unlockable@1.0.0 (" + digest + ") has no valid signature"), e.getMessage());
    }

    @Test
    void aPullRefusesAnUnsignedVersionBeforeStoringAnything() {
        publish("pulled", Optional.empty());
        LocalCatalog local = LocalCatalog.open(work.resolve("pull-target"));
        SignaturePolicy policy = policy(true);
        CatalogPuller puller = new CatalogPuller(local, RemoteFixtures.anonymous(), new BlobLocations(), TransferListener.NONE,
                (reference, client, repository, root) -> policy.check(reference.toString(), root.digest(),
                        () -> new RegistrySignatures(client, repository).read(root.digest())));
        RemoteReference reference = RemoteReference.parse("http://" + shared.registry().hostPort()
                + "/scafctl/providers/pulled@1.0.0", false, null);

        assertThrows(UnsignedArtifactException.class, () -> puller.pull(reference, false));

        assertEquals(List.of(), local.versions(ArtifactKind.PROVIDER, ArtifactName.of("pulled")));
    }
}
