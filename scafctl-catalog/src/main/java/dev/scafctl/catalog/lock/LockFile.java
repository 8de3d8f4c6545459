package dev.scafctl.catalog.lock;

import dev.scafctl.catalog.InvalidInputException;
import dev.scafctl.catalog.artifact.ArtifactKind;
import dev.scafctl.catalog.artifact.ArtifactName;
import dev.scafctl.catalog.artifact.Version;
import dev.scafctl.catalog.oci.Digest;
import dev.scafctl.catalog.signing.KeyFingerprint;
import dev.scafctl.catalog.yaml.YamlNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A lock file in scafctl's {@code version: 1} schema: {@code .scafctl.lock.yaml} (ours) or scafctl's own
 * {@code solution.lock} beside the solution. Reading checks the version, the fields and every digest, and names
 * the file and line of a problem. A build writes both files with the same content (scafctl's {@code plugins install}
 * and {@code run} read only {@code solution.lock}, {@code pkg/solution/bundler/lock.go}); {@link #copyDifferences}
 * says where they disagree.
 */
public record LockFile(Path file, List<LockedPlugin> plugins, List<LockedDependency> dependencies) {

    public static final String FILE_NAME = ".scafctl.lock.yaml";
    public static final String SCAFCTL_FILE_NAME = "solution.lock";

    public LockFile {
        plugins = List.copyOf(plugins);
        dependencies = List.copyOf(dependencies);
    }

    /** The lock beside a solution: ours, else scafctl's, else none. */
    public static Optional<LockFile> findBeside(Path solutionFile) {
        Path folder = solutionFile.toAbsolutePath().getParent();
        for (String name : List.of(FILE_NAME, SCAFCTL_FILE_NAME)) {
            Path candidate = folder.resolve(name);
            if (Files.isDirectory(candidate)) {
                throw new dev.scafctl.catalog.InvalidInputException(candidate + " is a folder, not a lock file; remove"
                        + " or rename it (the lock is written there)");
            }
            if (Files.isRegularFile(candidate)) {
                return Optional.of(read(candidate));
            }
        }
        return Optional.empty();
    }

    public static LockFile read(Path file) {
        YamlNode root = YamlNode.read(file);
        if (!root.isMapping()) {
            throw root.fail("must be a mapping with version and plugins");
        }
        YamlNode version = root.get("version");
        String versionText = version.requiredText();
        if (!versionText.equals("1")) {
            throw new InvalidInputException(version.location() + ": unsupported lock file version " + versionText
                    + " (expected 1)");
        }
        List<LockedPlugin> plugins = new ArrayList<>();
        for (YamlNode entry : root.get("plugins").items()) {
            plugins.add(new LockedPlugin(
                    parse(entry.get("name"), ArtifactName::of),
                    parse(entry.get("kind"), ArtifactKind::parsePlugin),
                    parse(entry.get("version"), Version::parse),
                    digest(entry.get("digest")),
                    entry.get("resolvedFrom").text().orElse(""),
                    digest(entry.get("indexDigest")),
                    platforms(entry.get("platforms")),
                    entry.get("signedBy").text().filter(t -> !t.isBlank()).map(t -> parse(entry.get("signedBy"), KeyFingerprint::parse))));
        }
        List<LockedDependency> dependencies = new ArrayList<>();
        for (YamlNode entry : root.get("dependencies").items()) {
            digest(entry.get("digest"));
            dependencies.add(new LockedDependency(entry.get("ref").requiredText(), entry.get("resolvedVersion").text().orElse(null),
                    entry.get("constraint").text().orElse(null), entry.get("digest").text().orElse(null),
                    entry.get("resolvedFrom").text().orElse(null), entry.get("vendoredAt").text().orElse(null)));
        }
        return new LockFile(file, plugins, dependencies);
    }

    /**
     * How scafctl's {@code solution.lock} beside the solution disagrees with ours ({@code .scafctl.lock.yaml}), one
     * line each: a plugin pinned in one file only, at another version, or to a digest that is none of the binaries
     * ours pins. Empty when either file is missing or they agree (scafctl's single digest being one platform's
     * binary of ours agrees). Ours is the lock; the build rewrites the copy from it, CI fails on a difference.
     */
    public static List<String> copyDifferences(Path solutionFile) {
        Path folder = solutionFile.toAbsolutePath().getParent();
        Path ours = folder.resolve(FILE_NAME);
        Path copy = folder.resolve(SCAFCTL_FILE_NAME);
        if (!Files.isRegularFile(ours) || !Files.isRegularFile(copy)) {
            return List.of();
        }
        LockFile mine = read(ours);
        LockFile theirs;
        try {
            theirs = read(copy);
        } catch (InvalidInputException e) {
            return List.of(SCAFCTL_FILE_NAME + " cannot be read (" + e.getMessage() + ")");
        }
        List<String> differences = new ArrayList<>();
        for (LockedPlugin plugin : mine.plugins()) {
            Optional<LockedPlugin> other = theirs.find(plugin.kind(), plugin.name());
            String what = plugin.kind().wireName() + " " + plugin.name();
            if (other.isEmpty()) {
                differences.add(what + "@" + plugin.version() + " is pinned in " + FILE_NAME + " but not in " + SCAFCTL_FILE_NAME);
            } else if (!other.get().version().equals(plugin.version())) {
                differences.add(what + ": " + FILE_NAME + " pins " + plugin.version() + ", " + SCAFCTL_FILE_NAME + " "
                        + other.get().version());
            } else if (!plugin.binaryDigests().containsAll(other.get().binaryDigests())) {
                differences.add(what + "@" + plugin.version() + ": " + SCAFCTL_FILE_NAME + " pins "
                        + other.get().binaryDigests() + ", none of the binaries " + FILE_NAME + " pins");
            }
        }
        for (LockedPlugin other : theirs.plugins()) {
            if (mine.find(other.kind(), other.name()).isEmpty()) {
                differences.add(other.kind().wireName() + " " + other.name() + "@" + other.version() + " is pinned in "
                        + SCAFCTL_FILE_NAME + " but not in " + FILE_NAME);
            }
        }
        return differences;
    }

    public Optional<LockedPlugin> find(ArtifactKind kind, ArtifactName name) {
        return plugins.stream().filter(p -> p.kind() == kind && p.name().equals(name)).findFirst();
    }

    private interface Parser<T> {
        T parse(String text);
    }

    private static <T> T parse(YamlNode node, Parser<T> parser) {
        String text = node.requiredText();
        try {
            return parser.parse(text);
        } catch (InvalidInputException e) {
            throw node.fail("is invalid: " + e.getMessage());
        }
    }

    private static Optional<Digest> digest(YamlNode node) {
        return node.text().filter(t -> !t.isBlank()).map(text -> parse(node, Digest::parse));
    }

    private static SortedMap<String, Digest> platforms(YamlNode node) {
        SortedMap<String, Digest> platforms = new TreeMap<>();
        if (!node.isPresent()) {
            return platforms;
        }
        if (!node.isMapping()) {
            throw node.fail("must map os/arch to sha256 digests");
        }
        for (String platform : node.keys()) {
            platforms.put(platform, parse(node.get(platform), Digest::parse));
        }
        return platforms;
    }
}
