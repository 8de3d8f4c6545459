package dev.scafctl.catalog.plugin;

import dev.scafctl.catalog.BuildTimestamp;
import dev.scafctl.catalog.artifact.ArtifactKind;
import dev.scafctl.catalog.artifact.ArtifactName;
import dev.scafctl.catalog.artifact.ArtifactReference;
import dev.scafctl.catalog.artifact.Platform;
import dev.scafctl.catalog.artifact.Version;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Stand-in plugin binaries, different per platform, and build requests over them. */
public final class PluginFixtures {

    private PluginFixtures() {}

    /** Writes one small binary per platform below {@code dir} and returns their {@code os/arch=path} specifications. */
    public static List<String> binaries(Path dir, String name, List<Platform> platforms) {
        return binaries(dir, name, platforms, "");
    }

    /** As {@link #binaries(Path, String, List)}, with {@code salt} in every binary to make other content. */
    public static List<String> binaries(Path dir, String name, List<Platform> platforms, String salt) {
        List<String> specifications = new ArrayList<>();
        try {
            Files.createDirectories(dir);
            for (Platform platform : platforms) {
                Path file = dir.resolve(name + "-" + platform.os() + "-" + platform.architecture());
                Files.writeString(file, "#!/bin/sh\necho " + name + " for " + platform + salt + "\n", StandardCharsets.UTF_8);
                specifications.add(platform + "=" + file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return specifications;
    }

    public static PluginBuildRequest request(ArtifactKind kind, String name, String version, List<String> specifications,
            Path baseDir, boolean force) {
        return new PluginBuildRequest(new ArtifactReference(kind, ArtifactName.of(name), Version.parse(version)),
                PlatformBinary.parseAll(specifications, baseDir), BuildTimestamp.parse("2026-11-21T00:00:00Z"), force);
    }

    public static PluginBuildRequest provider(String name, String version, List<String> specifications, Path baseDir) {
        return request(ArtifactKind.PROVIDER, name, version, specifications, baseDir, false);
    }
}
