package dev.scafctl.catalog.artifact;

import dev.scafctl.catalog.InvalidInputException;

/** {@code name@version}, the way users name an artifact version on the command line. */
public record NameAndVersion(ArtifactName name, Version version) {

    public static NameAndVersion parse(String text) {
        String trimmed = text == null ? "" : text.strip();
        int at = trimmed.lastIndexOf('@');
        if (at <= 0 || at == trimmed.length() - 1) {
            throw new InvalidInputException("\"" + trimmed + "\" is not name@version (e.g. my-provider@1.0.0)");
        }
        return new NameAndVersion(ArtifactName.of(trimmed.substring(0, at)), Version.parse(trimmed.substring(at + 1)));
    }

    @Override
    public String toString() {
        return name + "@" + version;
    }
}
