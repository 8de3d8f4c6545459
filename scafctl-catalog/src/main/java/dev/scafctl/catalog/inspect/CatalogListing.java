package dev.scafctl.catalog.inspect;

import dev.scafctl.catalog.Parallel;
import dev.scafctl.catalog.artifact.ArtifactKind;
import dev.scafctl.catalog.artifact.Version;
import dev.scafctl.catalog.local.CatalogEntry;
import dev.scafctl.catalog.local.LocalCatalog;
import dev.scafctl.catalog.oci.Annotations;
import dev.scafctl.catalog.oci.SignatureTag;
import dev.scafctl.catalog.protocol.PluginMetadata;
import dev.scafctl.catalog.remote.Manifest;
import dev.scafctl.catalog.remote.RegistryClient;
import dev.scafctl.catalog.remote.RegistryException;
import dev.scafctl.catalog.remote.RemoteCatalog;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * What a catalog holds: per artifact, its kind, its versions (newest first), its aliases, and for plugins the
 * provider or auth-handler names their newest version records.
 */
public record CatalogListing(String catalog, List<Artifact> artifacts, Optional<String> note) {

    /** How many repositories of a registry are listed at once. */
    private static final int PARALLEL_REQUESTS = 8;

    /**
     * One artifact, its tags (versions, aliases, and the {@code sha256-<hex>.sig} tags that hold signatures), and what
     * its newest version provides (empty when unknown).
     */
    public record Artifact(String kind, String name, List<String> versions, List<String> aliases, List<String> provides,
            List<String> signatureTags) {}

    public static CatalogListing local(LocalCatalog catalog, Optional<ArtifactKind> kind) {
        Map<String, List<String>> tags = new TreeMap<>();
        Map<String, CatalogEntry> byRefName = new HashMap<>();
        for (CatalogEntry entry : catalog.entries()) {
            String refName = entry.refName();
            byRefName.put(refName, entry);
            int slash = refName.indexOf('/');
            int colon = refName.lastIndexOf(':');
            if (slash > 0 && colon > slash) {
                tags.computeIfAbsent(refName.substring(0, colon), k -> new ArrayList<>()).add(refName.substring(colon + 1));
            }
        }
        List<Artifact> artifacts = new ArrayList<>();
        tags.forEach((kindAndName, names) -> {
            String artifactKind = kindAndName.substring(0, kindAndName.indexOf('/'));
            if (kind.isEmpty() || kind.get().wireName().equals(artifactKind)) {
                artifacts.add(artifact(artifactKind, kindAndName.substring(kindAndName.indexOf('/') + 1), names,
                        version -> Optional.ofNullable(byRefName.get(kindAndName + ":" + version))
                                .map(entry -> catalog.readBlob(entry.descriptor().digest()))));
            }
        });
        return new CatalogListing("local (" + catalog.root() + ")", artifacts, Optional.empty());
    }

    /**
     * A registry's artifacts under the catalog's prefix, from its catalog and tags APIs. Registries that refuse
     * {@code _catalog} (many do) get a note saying so, and the artifacts named in {@code knownNames} are listed.
     */
    public static CatalogListing remote(RegistryClient client, RemoteCatalog catalog, Optional<ArtifactKind> kind,
            List<String> knownNames) {
        List<String> repositories;
        Optional<String> note = Optional.empty();
        try {
            repositories = client.listRepositories();
        } catch (RegistryException e) {
            if (e.status() < 0) {
                throw e; // no answer at all: the registry cannot be reached, which is no empty catalog
            }
            repositories = new ArrayList<>();
            for (ArtifactKind k : ArtifactKind.values()) {
                for (String name : knownNames) {
                    repositories.add(catalog.repository(k, dev.scafctl.catalog.artifact.ArtifactName.of(name)));
                }
            }
            note = Optional.of("registry " + catalog.registry() + " does not list its repositories (" + e.getMessage()
                    + "); only the names given are shown");
        }
        String prefix = catalog.prefix().isEmpty() ? "" : catalog.prefix() + "/";
        List<Repository> ours = new ArrayList<>();
        for (String repository : repositories.stream().sorted().toList()) {
            if (!repository.startsWith(prefix)) {
                continue;
            }
            String[] rest = repository.substring(prefix.length()).split("/");
            if (rest.length != 2) {
                continue;
            }
            Optional<ArtifactKind> repositoryKind = Arrays.stream(ArtifactKind.values())
                    .filter(k -> k.repositoryName().equals(rest[0])).findFirst();
            if (repositoryKind.isPresent() && (kind.isEmpty() || kind.get() == repositoryKind.get())) {
                ours.add(new Repository(repository, repositoryKind.get(), rest[1]));
            }
        }
        // each repository's tags and newest manifest are independent of the others': ask for several at once
        List<Artifact> artifacts = new ArrayList<>();
        Parallel.mapAll(ours, PARALLEL_REQUESTS, "scafctl-list", repository -> {
            List<String> tags = client.listTags(repository.path());
            return tags.isEmpty() ? Optional.<Artifact>empty() : Optional.of(artifact(repository.kind().wireName(),
                    repository.name(), tags, version -> client.fetchManifest(repository.path(), version).map(Manifest::bytes)));
        }).forEach(found -> found.ifPresent(artifacts::add));
        return new CatalogListing(catalog.toString(), artifacts, note);
    }

    /** A repository of the registry that holds artifacts of this catalog: its path, their kind and name. */
    private record Repository(String path, ArtifactKind kind, String name) {}

    private static Artifact artifact(String kind, String name, List<String> tags,
            Function<String, Optional<byte[]>> manifestOfVersion) {
        List<Version> parsed = new ArrayList<>();
        List<String> aliases = new ArrayList<>();
        List<String> signatureTags = new ArrayList<>();
        for (String tag : tags) { // each tag parsed once: a catalog may hold thousands
            Version version = Version.ofTag(tag);
            if (version != null) {
                parsed.add(version);
            } else {
                (SignatureTag.isSignatureTag(tag) ? signatureTags : aliases).add(tag);
            }
        }
        parsed.sort(Comparator.reverseOrder());
        aliases.sort(null);
        List<String> versions = parsed.stream().map(Version::toString).toList();
        List<String> provides = kind.equals(ArtifactKind.SOLUTION.wireName()) || versions.isEmpty() ? List.of()
                : manifestOfVersion.apply(versions.get(0))
                        .map(index -> PluginMetadata.recordedIn(Annotations.of(index, "plugin index"))).orElse(List.of());
        signatureTags.sort(null);
        return new Artifact(kind, name, versions, List.copyOf(aliases), provides, List.copyOf(signatureTags));
    }

    public Map<String, Object> toTree() {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("catalog", catalog);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Artifact artifact : artifacts) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("kind", artifact.kind());
            row.put("name", artifact.name());
            row.put("versions", artifact.versions());
            row.put("aliases", artifact.aliases());
            if (!artifact.provides().isEmpty()) {
                row.put("provides", artifact.provides());
            }
            rows.add(row);
        }
        tree.put("artifacts", rows);
        note.ifPresent(n -> tree.put("note", n));
        return tree;
    }

    public List<String> toText() {
        List<String> lines = new ArrayList<>();
        note.ifPresent(n -> lines.add("note: " + n));
        if (artifacts.isEmpty()) {
            lines.add("catalog " + catalog + " holds no artifact");
            return lines;
        }
        lines.add(String.format("%-13s %-32s %s", "KIND", "NAME", "VERSIONS (newest first)"));
        for (Artifact artifact : artifacts) {
            lines.add(String.format("%-13s %-32s %s%s%s", artifact.kind(), artifact.name(), String.join(", ", artifact.versions()),
                    artifact.aliases().isEmpty() ? "" : "  [" + String.join(", ", artifact.aliases()) + "]",
                    artifact.provides().isEmpty() ? "" : "  provides: " + String.join(", ", artifact.provides())));
        }
        return lines;
    }
}
