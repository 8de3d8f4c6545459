package dev.scafctl.catalog.remote;

import dev.scafctl.catalog.InvalidInputException;
import dev.scafctl.catalog.artifact.ArtifactKind;
import dev.scafctl.catalog.artifact.ArtifactName;
import java.nio.file.Path;

/**
 * An artifact in a registry as users write it for {@code pull}:
 * {@code [http://|https://|oci://]host[:port]/prefix/<plural>/name@<version or constraint>}, e.g.
 * {@code ghcr.io/acme/providers/exec@^1.2}.
 */
public record RemoteReference(RemoteCatalog catalog, ArtifactKind kind, ArtifactName name, String versionOrConstraint) {

    public static RemoteReference parse(String text, boolean insecure, Path caFile) {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException("artifact reference cannot be empty");
        }
        String trimmed = text.strip();
        // what stands before an '@' in the host part is user-info (a password, often): never shown
        String shown = trimmed.replaceFirst("^([a-zA-Z]+://)?[^/@]*@", "$1***@");
        int at = trimmed.lastIndexOf('@');
        if (at < 0 || at == trimmed.length() - 1) {
            throw new InvalidInputException("\"" + shown + "\" names no version: write host/prefix/<plural>/name@<version"
                    + " or constraint>, e.g. ghcr.io/acme/providers/exec@1.2.0");
        }
        String location = trimmed.substring(0, at);
        String version = trimmed.substring(at + 1);
        String withoutScheme = location.replaceFirst("^[a-zA-Z]+://", "");
        String[] segments = withoutScheme.split("/");
        if (segments.length < 3) {
            throw new InvalidInputException("\"" + shown + "\" is not host/prefix/<plural>/name@version"
                    + " (plural: solutions, providers or auth-handlers)");
        }
        String plural = segments[segments.length - 2];
        ArtifactKind kind = null;
        for (ArtifactKind candidate : ArtifactKind.values()) {
            if (candidate.repositoryName().equals(plural)) {
                kind = candidate;
            }
        }
        if (kind == null) {
            throw new InvalidInputException("\"" + shown + "\": the segment before the name must be solutions, providers"
                    + " or auth-handlers, not \"" + plural + "\"");
        }
        String catalogUrl = location.substring(0, location.length() - plural.length() - segments[segments.length - 1].length() - 2);
        return new RemoteReference(RemoteCatalog.parse(null, catalogUrl, insecure, caFile), kind,
                ArtifactName.of(segments[segments.length - 1]), version);
    }
}
