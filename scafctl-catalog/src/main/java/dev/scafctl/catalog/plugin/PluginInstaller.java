package dev.scafctl.catalog.plugin;

import dev.scafctl.catalog.ArtifactNotFoundException;
import dev.scafctl.catalog.CatalogException;
import dev.scafctl.catalog.Parallel;
import dev.scafctl.catalog.InvalidInputException;
import dev.scafctl.catalog.artifact.ArtifactKind;
import dev.scafctl.catalog.artifact.ArtifactName;
import dev.scafctl.catalog.artifact.Platform;
import dev.scafctl.catalog.artifact.PluginRequirement;
import dev.scafctl.catalog.artifact.Version;
import dev.scafctl.catalog.local.LocalCatalog;
import dev.scafctl.catalog.lock.LockFile;
import dev.scafctl.catalog.lock.LockedPlugin;
import dev.scafctl.catalog.oci.Annotations;
import dev.scafctl.catalog.oci.ArtifactWalk;
import dev.scafctl.catalog.oci.Descriptor;
import dev.scafctl.catalog.oci.Digest;
import dev.scafctl.catalog.oci.DigestMismatchException;
import dev.scafctl.catalog.oci.ImageIndex;
import dev.scafctl.catalog.oci.ImageManifest;
import dev.scafctl.catalog.remote.ConfiguredCatalogs;
import dev.scafctl.catalog.remote.Manifest;
import dev.scafctl.catalog.remote.RegistryException;
import dev.scafctl.catalog.remote.Registry;
import dev.scafctl.catalog.remote.RegistryClient;
import dev.scafctl.catalog.remote.RemoteCatalog;
import dev.scafctl.catalog.remote.TransferListener;
import dev.scafctl.catalog.signing.FoundSignature;
import dev.scafctl.catalog.signing.KeyFingerprint;
import dev.scafctl.catalog.signing.SignaturePolicy;
import dev.scafctl.catalog.signing.UnsignedArtifactException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Gets the binaries a solution's {@code bundle.plugins} declares into the plugin cache, as scafctl's
 * {@code plugins install} does but without its gaps: every constraint form resolves, through the catalog chain (the
 * local catalog, then the remote catalogs in order; the first with a matching version wins); the platform is picked
 * from an image index, then by the {@code dev.scafctl.plugin.platform} annotation, then as a single-platform
 * artifact, then from a per-architecture tag ({@code 1.0.0-amd64}); every byte is checked against its digest.
 *
 * <p>With a lock entry, version and digests are pinned: no tag is listed, the pinned index is fetched by digest, and
 * a warm cache whose file hashes to the pinned binary digest makes no network request at all.
 */
public final class PluginInstaller {

    /** How to install: for which platform, with or without the network, how many plugins at once. */
    public record Options(Platform platform, boolean offline, int parallelism) {}

    /** One installed plugin. */
    public record Installed(PluginRequirement requirement, Version version, Platform platform, Path file,
            Digest binaryDigest, Digest artifactDigest, String catalog, boolean downloaded, boolean pinned,
            Optional<KeyFingerprint> signedBy) {}

    private final List<ArtifactSource> chain;
    private final ArtifactSource local;
    private final PluginCache cache;
    private final TransferListener listener;
    private final Consumer<String> log;
    private final SignaturePolicy signatures;

    public PluginInstaller(LocalCatalog localCatalog, List<RemoteCatalog> remotes, Function<Registry, RegistryClient> clients,
            PluginCache cache, TransferListener listener, Consumer<String> log) {
        this(localCatalog, remotes, clients, cache, listener, log, SignaturePolicy.NONE);
    }

    /**
     * @param signatures when signatures are required, an artifact without a valid one by a trusted key over the digest
     *     about to be used is refused before any of its bytes reaches the cache
     */
    public PluginInstaller(LocalCatalog localCatalog, List<RemoteCatalog> remotes, Function<Registry, RegistryClient> clients,
            PluginCache cache, TransferListener listener, Consumer<String> log, SignaturePolicy signatures) {
        this.signatures = signatures;
        this.local = ArtifactSource.local(localCatalog);
        List<ArtifactSource> sources = new ArrayList<>();
        sources.add(local);
        for (RemoteCatalog remote : remotes) {
            ArtifactSource source = lazyRemote(remote, clients);
            sources.add(ConfiguredCatalogs.isOfficial(remote) ? unreachableIsMiss(source, log) : source);
        }
        this.chain = List.copyOf(sources);
        this.cache = cache;
        this.listener = listener;
        this.log = log;
    }

    /** Installs every requirement, several at once; fails with one message listing every plugin that failed. */
    public List<Installed> install(List<PluginRequirement> requirements, Optional<LockFile> lock, Options options) {
        List<Installed> installed = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        CatalogException first = null;
        for (Parallel.Outcome<Installed> outcome : Parallel.map(requirements, options.parallelism(), "scafctl-install",
                requirement -> installOne(requirement, lock, options))) {
            if (!outcome.failed()) {
                installed.add(outcome.value());
            } else if (outcome.failure() instanceof CatalogException catalogException) {
                failures.add(catalogException.getMessage());
                first = first == null ? catalogException : first;
            } else {
                throw new CatalogException("installing plugins failed: " + outcome.failure(), outcome.failure());
            }
        }
        if (failures.size() == 1) {
            throw first;
        }
        if (!failures.isEmpty()) {
            throw new CatalogException(failures.size() + " plugins could not be installed:\n  - "
                    + String.join("\n  - ", failures));
        }
        return installed;
    }

    /** What a lock pins of a plugin: the exact version, where it came from, the index and every platform's binary. */
    public record Pin(PluginRequirement requirement, Version version, String catalog, Digest artifactDigest,
            SortedMap<String, Digest> platforms, Optional<Digest> singleBinary, Optional<KeyFingerprint> signedBy) {}

    /**
     * Resolves a requirement through the chain without downloading any binary: the version, and the digest of the
     * binary of every platform the artifact ships (read from its manifests).
     */
    public Pin pin(PluginRequirement requirement, boolean offline) {
        Options options = new Options(Platform.SUPPORTED.get(0), offline, 1);
        Resolved resolved = resolve(requirement, options).orElseThrow(() -> notFound(requirement, options));
        ArtifactSource source = resolved.source();
        Manifest root = resolved.root();
        String what = requirement.name() + "@" + resolved.version();
        SortedMap<String, Digest> platforms = new TreeMap<>();
        Optional<Digest> single = Optional.empty();
        if (root.isIndex()) {
            platforms.putAll(binariesOfIndex(source, requirement.kind(), requirement.name(), root, what));
        } else {
            String annotated = Annotations.of(root.bytes(), what).get(Annotations.PLUGIN_PLATFORM);
            Digest binary = binaryOf(root, what).digest();
            if (annotated != null) {
                platforms.put(annotated, binary);
            } else {
                single = Optional.of(binary);
            }
        }
        Optional<KeyFingerprint> signedBy = signedBy(requirement.kind(), requirement.name(), resolved.version(),
                root.digest(), source, offline);
        return new Pin(requirement, resolved.version(), source.name(), root.digest(), platforms, single, signedBy);
    }

    /**
     * Whether the catalog chain (or the cache) still serves what {@code pin} pins for {@code platform}: empty when it
     * does, else what is wrong. A warm cache whose file hashes to the pinned binary answers without any request.
     */
    public Optional<String> checkPin(LockedPlugin pin, Platform platform, boolean offline) {
        Optional<Digest> pinnedBinary = pin.binaryDigest(platform);
        if (pinnedBinary.isPresent() && lockVouches(pin)
                && cache.verified(pin.name(), pin.version(), platform, pinnedBinary.get()).isPresent()) {
            return Optional.empty();
        }
        PluginRequirement requirement = new PluginRequirement(pin.name(), pin.kind(),
                dev.scafctl.catalog.artifact.VersionConstraint.parse(pin.version().toString()));
        String reference = pin.indexDigest().map(Digest::toString).orElse(pin.version().toString());
        for (ArtifactSource source : sources(new Options(platform, offline, 1))) {
            Optional<Manifest> root = source.manifest(pin.kind(), pin.name(), reference);
            if (root.isEmpty()) {
                continue;
            }
            Descriptor binary;
            try {
                binary = selectBinary(source, requirement, pin.version(), root.get(), platform);
            } catch (PlatformNotFoundException e) {
                return Optional.of(pin.name() + "@" + pin.version() + ": " + e.getMessage());
            }
            Optional<Digest> expected;
            try {
                expected = expectedBinary(pin, platform, source, root.get());
            } catch (DigestMismatchException e) {
                return Optional.of(e.getMessage());
            }
            if (expected.isPresent() && !expected.get().equals(binary.digest())) {
                return Optional.of(DigestMismatchException.describePinnedBinary(pin.name() + "@" + pin.version(),
                        expected.get(), binary.digest(), ""));
            }
            try {
                signedBy(pin.kind(), pin.name(), pin.version(), root.get().digest(), source, offline);
            } catch (UnsignedArtifactException e) {
                return Optional.of(e.getMessage());
            }
            return Optional.empty();
        }
        return Optional.of(pin.name() + "@" + pin.version() + " (" + reference + ") is served by no catalog of the chain "
                + names(new Options(platform, offline, 1)) + (offline ? " offline" : ""));
    }

    /**
     * Every digest {@code pin} pins, checked against what the chain serves, for CI and {@code verify-lock}: the image
     * index by its digest, and the binary digest of every platform the lock names, read from the manifests (no
     * binary is downloaded, and a warm cache is no answer: it would not notice an edited index or another
     * platform's digest). Offline, where no catalog serves the index, the cache's verified binary for
     * {@code platform} is what can be checked. Empty when everything holds, else each problem.
     */
    public List<String> verifyPin(LockedPlugin pin, Platform platform, boolean offline) {
        String what = pin.name() + "@" + pin.version();
        String reference = pin.indexDigest().map(Digest::toString).orElse(pin.version().toString());
        Options options = new Options(platform, offline, 1);
        for (ArtifactSource source : sources(options)) {
            Optional<Manifest> served = source.manifest(pin.kind(), pin.name(), reference);
            if (served.isEmpty()) {
                continue;
            }
            Manifest root = served.get();
            List<String> problems = new ArrayList<>();
            Digest actual = Digest.of(root.bytes());
            if (pin.indexDigest().isPresent() && !pin.indexDigest().get().equals(actual)) {
                problems.add(what + ": " + DigestMismatchException.describe("the pinned index in catalog \"" + source.name()
                        + "\"", pin.indexDigest().get(), actual));
                return problems;
            }
            SortedMap<String, Digest> servedBinaries = new TreeMap<>();
            if (root.isIndex()) {
                servedBinaries.putAll(binariesOfIndex(source, pin.kind(), pin.name(), root, what));
            } else {
                String annotated = Annotations.of(root.bytes(), what).get(Annotations.PLUGIN_PLATFORM);
                servedBinaries.put(annotated != null ? annotated : platform.toString(), binaryOf(root, what).digest());
            }
            pin.platforms().forEach((pinnedPlatform, pinned) -> {
                Digest got = servedBinaries.get(pinnedPlatform);
                if (got == null) {
                    problems.add(what + ": the lock pins " + pinnedPlatform + ", which catalog \"" + source.name()
                            + "\" no longer serves (available: " + servedBinaries.keySet() + ")");
                } else if (!got.equals(pinned)) {
                    problems.add(pinnedPlatform + ": " + DigestMismatchException.describePinnedBinary(what, pinned, got, ""));
                }
            });
            pin.digest().filter(d -> !servedBinaries.containsValue(d)).ifPresent(d -> problems.add(what
                    + ": the lock's digest " + d + " is the binary of no platform catalog \"" + source.name()
                    + "\" serves"));
            signerChange(pin, root, source, offline).ifPresent(problems::add);
            return problems;
        }
        if (offline) {
            return checkPin(pin, platform, true).map(List::of).orElse(List.of());
        }
        return List.of(what + " (" + reference + ") is served by no catalog of the chain " + names(options));
    }

    private Installed installOne(PluginRequirement requirement, Optional<LockFile> lock, Options options) {
        Optional<LockedPlugin> locked = lock.flatMap(l -> l.find(requirement.kind(), requirement.name()));
        if (locked.isPresent() && !requirement.constraint().isSatisfiedBy(locked.get().version())) {
            log.accept("the lock pins " + requirement.name() + "@" + locked.get().version() + ", which no longer satisfies "
                    + requirement.constraint() + "; resolving afresh (update the lock)");
            locked = Optional.empty();
        }
        return locked.isPresent() ? installPinned(requirement, locked.get(), options) : installResolved(requirement, options);
    }

    private Installed installPinned(PluginRequirement requirement, LockedPlugin pin, Options options) {
        Platform platform = options.platform();
        Optional<Digest> pinnedBinary = pin.binaryDigest(platform);
        if (pinnedBinary.isPresent() && lockVouches(pin)) {
            Optional<Path> hit = cache.verified(pin.name(), pin.version(), platform, pinnedBinary.get());
            if (hit.isPresent()) {
                return new Installed(requirement, pin.version(), platform, hit.get(), pinnedBinary.get(),
                        pin.indexDigest().orElse(pinnedBinary.get()), "cache", false, true,
                        pin.signedBy().filter(signatures.verifier()::trusts));
            }
        }
        String reference = pin.indexDigest().map(Digest::toString).orElse(pin.version().toString());
        for (ArtifactSource source : sources(options)) {
            Optional<Manifest> root = source.manifest(requirement.kind(), requirement.name(), reference);
            if (root.isPresent()) {
                Descriptor binary = selectBinary(source, requirement, pin.version(), root.get(), platform);
                Digest expected = expectedBinary(pin, platform, source, root.get()).orElse(binary.digest());
                if (!binary.digest().equals(expected)) {
                    throw DigestMismatchException.pinnedBinary(pin.name() + "@" + pin.version(), expected,
                            binary.digest(), "");
                }
                return download(requirement, pin.version(), platform, binary, root.get().digest(), source, true, options);
            }
        }
        throw new ArtifactNotFoundException("artifact \"" + requirement.name() + "\" not found in any catalog: the lock pins "
                + pin.version() + " (" + reference + "), which no catalog of the chain " + names(options)
                + " serves" + (options.offline() ? " offline (the local catalog and the plugin cache)" : ""));
    }

    /**
     * The binary {@code pin} expects for {@code platform} in the artifact {@code root}: ours pin each platform. scafctl's
     * single digest ({@code pkg/solution/bundler/lock.go}) is the binary of the platform its lock was made on, which
     * it does not name: it must be one of the index's binaries, which names that platform; for another platform the
     * binary is the one the same index lists (the index, its manifests and the binary each checked by digest).
     */
    private static Optional<Digest> expectedBinary(LockedPlugin pin, Platform platform, ArtifactSource source, Manifest root) {
        if (!pin.pinsOneBinaryOnly() || pin.digest().isEmpty() || !root.isIndex()) {
            return pin.binaryDigest(platform);
        }
        String what = pin.name() + "@" + pin.version();
        SortedMap<String, Digest> binaries = binariesOfIndex(source, pin.kind(), pin.name(), root, what);
        Digest pinned = pin.digest().get();
        if (!binaries.containsValue(pinned)) {
            Digest got = binaries.getOrDefault(platform.toString(), binaries.isEmpty() ? pinned : binaries.get(binaries.firstKey()));
            throw DigestMismatchException.pinnedBinary(what, pinned, got, "the lock's digest is the binary of no"
                    + " platform of " + binaries.keySet() + " in catalog \"" + source.name() + "\"");
        }
        return Optional.ofNullable(binaries.get(platform.toString()));
    }

    /** A version resolved through the chain: where, which, and its manifest or index. */
    private record Resolved(ArtifactSource source, Version version, Manifest root) {}

    /** The first source of the chain with a version satisfying the requirement, and its highest such version. */
    private Optional<Resolved> resolve(PluginRequirement requirement, Options options) {
        for (ArtifactSource source : sources(options)) {
            Optional<Version> version = requirement.constraint().highest(source.versions(requirement.kind(), requirement.name()));
            if (version.isPresent()) {
                Manifest root = source.manifest(requirement.kind(), requirement.name(), version.get().toString())
                        .orElseThrow(() -> new ArtifactNotFoundException("catalog \"" + source.name() + "\" lists "
                                + requirement.name() + "@" + version.get() + " but does not serve it"));
                return Optional.of(new Resolved(source, version.get(), root));
            }
        }
        return Optional.empty();
    }

    private Installed installResolved(PluginRequirement requirement, Options options) {
        Optional<Resolved> resolved = resolve(requirement, options);
        if (resolved.isPresent()) {
            Resolved r = resolved.get();
            Descriptor binary = selectBinary(r.source(), requirement, r.version(), r.root(), options.platform());
            return download(requirement, r.version(), options.platform(), binary, r.root().digest(), r.source(), false,
                    options);
        }
        if (options.offline()) {
            throw new ArtifactNotFoundException("plugin " + requirement.name() + "@" + requirement.constraint()
                    + ": no digest available for verification offline (not in the local catalog); run"
                    + " 'mvn scafctl:build-solution' online to generate a lock file with pinned digests, or run without -o");
        }
        throw notFound(requirement, options);
    }

    /**
     * No version satisfies the requirement anywhere in the chain; pre-releases (SNAPSHOTs among them) that only a
     * constraint naming a pre-release would match are named, since that is the usual surprise.
     */
    private ArtifactNotFoundException notFound(PluginRequirement requirement, Options options) {
        List<String> preReleases = new ArrayList<>();
        for (ArtifactSource source : sources(options)) {
            for (Version version : source.versions(requirement.kind(), requirement.name())) {
                if (version.isPreRelease() && requirement.constraint().isSatisfiedBy(version.release())) {
                    preReleases.add(version + " in " + source.name());
                }
            }
        }
        String hint = preReleases.isEmpty() ? "" : "; only pre-releases match it (" + String.join(", ", preReleases)
                + "), and a constraint matches a pre-release only when it names one, for example "
                + requirement.constraint().toString().replaceAll("^([\\^~]?[0-9.]+).*$", "$1") + "-0";
        return new ArtifactNotFoundException("artifact \"" + requirement.name() + "\" not found in any catalog: no version"
                + " satisfies " + requirement.constraint() + " in " + names(options) + hint);
    }

    private Installed download(PluginRequirement requirement, Version version, Platform platform, Descriptor binary,
            Digest artifactDigest, ArtifactSource source, boolean pinned, Options options) {
        try {
            return download(requirement, version, platform, binary, artifactDigest, source, pinned, options.offline());
        } catch (DigestMismatchException damaged) {
            if (!source.name().equals(LocalCatalog.NAME)) {
                throw damaged;
            }
            // the local catalog's copy is damaged: the same artifact (by digest) from a remote catalog of the chain
            for (ArtifactSource other : sources(options)) {
                if (other == source || other.name().equals(LocalCatalog.NAME)) {
                    continue;
                }
                Optional<Manifest> root = other.manifest(requirement.kind(), requirement.name(), artifactDigest.toString());
                if (root.isPresent()) {
                    log.accept(damaged.getMessage() + "; installing " + requirement.name() + "@" + version + " from catalog \""
                            + other.name() + "\" instead");
                    return download(requirement, version, platform, binary, artifactDigest, other, pinned, options.offline());
                }
            }
            throw damaged;
        }
    }

    private Installed download(PluginRequirement requirement, Version version, Platform platform, Descriptor binary,
            Digest artifactDigest, ArtifactSource source, boolean pinned, boolean offline) {
        // before any byte of the binary is fetched: an artifact the policy refuses never reaches the cache
        Optional<KeyFingerprint> signedBy = signedBy(requirement.kind(), requirement.name(), version, artifactDigest,
                source, offline);
        PluginCache.Installation installation = cache.install(requirement.name(), version, platform, binary.digest(),
                out -> source.copyBlob(requirement.kind(), requirement.name(), binary,
                        listener.about(platform.toString()), out));
        return new Installed(requirement, version, platform, installation.file(), binary.digest(), artifactDigest,
                source.name(), installation.downloaded(), pinned, signedBy);
    }

    /**
     * The trusted key that signed {@code digest}, by the signature policy ({@link SignaturePolicy#check}: throws when
     * signatures are required and none verifies). For an artifact found in the local catalog, the signatures it kept
     * (pulled or loaded with it) are read; when it kept none, the registries of the chain are asked for the
     * signatures of the same digest (not offline): an air-gapped catalog loaded from an archive needs no registry.
     */
    private Optional<KeyFingerprint> signedBy(ArtifactKind kind, ArtifactName name, Version version, Digest digest,
            ArtifactSource source, boolean offline) {
        return signatures.check(kind.wireName() + " " + name + "@" + version, digest,
                () -> signaturesOf(kind, name, digest, source, offline));
    }

    private List<FoundSignature> signaturesOf(ArtifactKind kind, ArtifactName name, Digest digest, ArtifactSource source,
            boolean offline) {
        List<FoundSignature> found = source.signatures(kind, name, digest);
        if (!found.isEmpty() || source != local || offline) {
            return found;
        }
        for (ArtifactSource other : chain) {
            if (other != local) {
                found = other.signatures(kind, name, digest);
                if (!found.isEmpty()) {
                    return found;
                }
            }
        }
        return found;
    }

    /**
     * Whether a warm cache may answer for {@code pin} without asking for signatures: always when the policy does not
     * require them; else only when the lock records a trusted key as its signer (it was verified when locked, and
     * the cached file still hashes to the pinned digest).
     */
    private boolean lockVouches(LockedPlugin pin) {
        return !signatures.required() || pin.signedBy().filter(signatures.verifier()::trusts).isPresent();
    }

    /** For a frozen lock: the signer the lock records against the one the catalog's signatures verify with now. */
    private Optional<String> signerChange(LockedPlugin pin, Manifest root, ArtifactSource source, boolean offline) {
        if (!signatures.checks()) {
            return Optional.empty();
        }
        String what = pin.name() + "@" + pin.version();
        Optional<KeyFingerprint> now;
        try {
            now = signedBy(pin.kind(), pin.name(), pin.version(), root.digest(), source, offline);
        } catch (UnsignedArtifactException e) {
            return Optional.of(e.getMessage());
        }
        if (now.equals(pin.signedBy())) {
            return Optional.empty();
        }
        return Optional.of(what + ": the lock records signedBy " + pin.signedBy().map(Object::toString).orElse("(none)")
                + ", but its signatures in catalog \"" + source.name() + "\" now verify with "
                + now.map(k -> "key " + k).orElse("no trusted key"));
    }

    /** Picks the binary for {@code platform}: index, then annotation, then single-platform, then per-arch tags. */
    private static Descriptor selectBinary(ArtifactSource source, PluginRequirement requirement, Version version,
            Manifest root, Platform platform) {
        String what = requirement.name() + "@" + version;
        if (root.isIndex()) {
            ImageIndex index = ImageIndex.parse(root.bytes(), what + " image index");
            for (Descriptor entry : index.manifests()) {
                if (platform.equals(entry.platform())) {
                    Manifest manifest = source.manifest(requirement.kind(), requirement.name(), entry.digest().toString())
                            .orElseThrow(() -> new ArtifactNotFoundException("catalog \"" + source.name() + "\" lists "
                                    + entry.digest() + " in " + what + " but does not serve it"));
                    return binaryOf(manifest, what);
                }
            }
            throw new PlatformNotFoundException(platform, index.manifests().stream()
                    .filter(d -> d.platform() != null).map(d -> d.platform().toString()).toList());
        }
        String annotated = Annotations.of(root.bytes(), what).get(Annotations.PLUGIN_PLATFORM);
        if (annotated == null || annotated.equals(platform.toString())) {
            return binaryOf(root, what);
        }
        for (String tag : List.of(version + "-" + platform.architecture(), version + "-" + platform.os() + "-" + platform.architecture())) {
            Optional<Manifest> perArchitecture = source.manifest(requirement.kind(), requirement.name(), tag);
            if (perArchitecture.isPresent()) {
                String tagged = Annotations.of(perArchitecture.get().bytes(), what).get(Annotations.PLUGIN_PLATFORM);
                if (tagged == null || tagged.equals(platform.toString())) {
                    return binaryOf(perArchitecture.get(), what + " (tag " + tag + ")");
                }
            }
        }
        throw new PlatformNotFoundException(platform, List.of(annotated));
    }

    /** The binary digest of every platform an image index lists, read from its manifests (no binary is fetched). */
    private static SortedMap<String, Digest> binariesOfIndex(ArtifactSource source, ArtifactKind kind, ArtifactName name,
            Manifest index, String what) {
        ArtifactWalk.Tree tree = ArtifactWalk.of(Descriptor.of(index.mediaType(), index.digest(), index.bytes().length),
                index.bytes(), child -> source.manifest(kind, name, child.digest().toString())
                        .orElseThrow(() -> new ArtifactNotFoundException("catalog \"" + source.name() + "\" lists "
                                + child.digest() + " in " + what + " but does not serve it")).bytes());
        SortedMap<String, Digest> binaries = new TreeMap<>();
        for (ArtifactWalk.Part part : tree.parts()) {
            if (part.platform() != null) {
                binaries.put(part.platform(), binaryOf(part.manifest(), what).digest());
            }
        }
        return binaries;
    }

    private static Descriptor binaryOf(Manifest manifest, String what) {
        return binaryOf(ImageManifest.parse(manifest.bytes(), what), what);
    }

    private static Descriptor binaryOf(ImageManifest parsed, String what) {
        if (parsed.layers().isEmpty()) {
            throw new InvalidInputException(what + " has no content layer");
        }
        return parsed.layers().get(0);
    }

    private List<ArtifactSource> sources(Options options) {
        return options.offline() ? List.of(local) : chain;
    }

    private String names(Options options) {
        return sources(options).stream().map(ArtifactSource::name).toList().toString();
    }

    /**
     * The official catalog, asked last: when it cannot be reached (no answer at all, as on a machine without
     * internet), it counts as not having the artifact, once said and then not asked again, as scafctl's chain skips a
     * catalog that fails ({@code pkg/catalog/chain.go}); so it never fails a resolution that another catalog serves,
     * and a plugin that no catalog has is "not found in any catalog".
     */
    private static ArtifactSource unreachableIsMiss(ArtifactSource official, Consumer<String> log) {
        AtomicBoolean unreachable = new AtomicBoolean();
        return new ArtifactSource() {
            private <T> T unlessUnreachable(Supplier<T> call, T miss) {
                if (unreachable.get()) {
                    return miss;
                }
                try {
                    return call.get();
                } catch (RegistryException e) {
                    if (e.status() != -1) {
                        throw e;
                    }
                    if (unreachable.compareAndSet(false, true)) {
                        log.accept("the official catalog could not be reached (" + e.getMessage() + "); counted as not having"
                                + " it. Set settings.disableOfficialCatalog: true in scafctl's config.yaml, or "
                                + ConfiguredCatalogs.DISABLE_OFFICIAL_ENV + "=true, where it is not wanted");
                    }
                    return miss;
                }
            }

            @Override
            public String name() {
                return official.name();
            }

            @Override
            public List<Version> versions(ArtifactKind kind, ArtifactName name) {
                return unlessUnreachable(() -> official.versions(kind, name), List.of());
            }

            @Override
            public Optional<Manifest> manifest(ArtifactKind kind, ArtifactName name, String tagOrDigest) {
                return unlessUnreachable(() -> official.manifest(kind, name, tagOrDigest), Optional.empty());
            }

            @Override
            public void copyBlob(ArtifactKind kind, ArtifactName name, Descriptor blob, TransferListener listener,
                    OutputStream out) throws IOException {
                official.copyBlob(kind, name, blob, listener, out);
            }

            @Override
            public List<FoundSignature> signatures(ArtifactKind kind, ArtifactName name, Digest digest) {
                return unlessUnreachable(() -> official.signatures(kind, name, digest), List.of());
            }
        };
    }

    /** A remote source whose client (and so its credential lookup) is made only when the chain reaches it. */
    private static ArtifactSource lazyRemote(RemoteCatalog remote, Function<Registry, RegistryClient> clients) {
        return new ArtifactSource() {
            private volatile ArtifactSource delegate;

            private ArtifactSource delegate() {
                ArtifactSource current = delegate;
                if (current == null) {
                    synchronized (this) {
                        if (delegate == null) {
                            delegate = ArtifactSource.remote(remote, clients.apply(remote.registry()));
                        }
                        current = delegate;
                    }
                }
                return current;
            }

            @Override
            public String name() {
                return remote.name();
            }

            @Override
            public List<Version> versions(ArtifactKind kind, ArtifactName name) {
                return delegate().versions(kind, name);
            }

            @Override
            public Optional<Manifest> manifest(ArtifactKind kind,
                    ArtifactName name, String tagOrDigest) {
                return delegate().manifest(kind, name, tagOrDigest);
            }

            @Override
            public void copyBlob(ArtifactKind kind, ArtifactName name, Descriptor blob, TransferListener listener,
                    OutputStream out) throws IOException {
                delegate().copyBlob(kind, name, blob, listener, out);
            }

            @Override
            public List<FoundSignature> signatures(ArtifactKind kind, ArtifactName name, Digest digest) {
                return delegate().signatures(kind, name, digest);
            }
        };
    }
}
