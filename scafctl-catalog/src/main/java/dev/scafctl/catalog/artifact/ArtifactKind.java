package dev.scafctl.catalog.artifact;

import dev.scafctl.catalog.InvalidInputException;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The kinds of artifact a scafctl catalog holds, with their wire names, repository names and media types. */
public enum ArtifactKind {
    SOLUTION("solution", "solutions",
            "application/vnd.scafctl.solution.v1+yaml", "application/vnd.scafctl.solution.config.v1+json"),
    PROVIDER("provider", "providers",
            "application/vnd.scafctl.provider.v1+binary", "application/vnd.scafctl.provider.config.v1+json"),
    AUTH_HANDLER("auth-handler", "auth-handlers",
            "application/vnd.scafctl.auth-handler.v1+binary", "application/vnd.scafctl.auth-handler.config.v1+json");

    private final String wireName;
    private final String repositoryName;
    private final String contentMediaType;
    private final String configMediaType;

    ArtifactKind(String wireName, String repositoryName, String contentMediaType, String configMediaType) {
        this.wireName = wireName;
        this.repositoryName = repositoryName;
        this.contentMediaType = contentMediaType;
        this.configMediaType = configMediaType;
    }

    /** Parses a wire name such as {@code provider} or {@code auth-handler}. */
    public static ArtifactKind parse(String text) {
        ArtifactKind kind = parseOrNull(text);
        if (kind == null) {
            throw new InvalidInputException("unknown artifact kind \"" + text + "\"; expected one of: "
                    + Arrays.stream(values()).map(ArtifactKind::wireName).collect(Collectors.joining(", ")));
        }
        return kind;
    }

    /** Parses the kind of a plugin: {@code provider} or {@code auth-handler}. */
    public static ArtifactKind parsePlugin(String text) {
        ArtifactKind kind = parseOrNull(text);
        if (kind == null || !kind.isPlugin()) {
            throw new InvalidInputException(
                    "invalid kind \"" + text + "\" for a plugin; must be 'provider' or 'auth-handler'");
        }
        return kind;
    }

    private static ArtifactKind parseOrNull(String text) {
        for (ArtifactKind kind : values()) {
            if (kind.wireName.equals(text)) {
                return kind;
            }
        }
        return null;
    }

    public boolean isPlugin() {
        return this != SOLUTION;
    }

    /** The value of {@code dev.scafctl.artifact.type} and the first part of a local reference name. */
    public String wireName() {
        return wireName;
    }

    /** The repository path segment in a remote catalog: {@code solutions}, {@code providers}, {@code auth-handlers}. */
    public String repositoryName() {
        return repositoryName;
    }

    /** The media type of the content layer (the solution YAML or the plugin binary). */
    public String contentMediaType() {
        return contentMediaType;
    }

    public String configMediaType() {
        return configMediaType;
    }

    @Override
    public String toString() {
        return wireName;
    }
}
