package dev.scafctl.catalog.artifact;

import dev.scafctl.catalog.CatalogException;

/** The catalog already holds different content under the reference being written, and overwriting was not asked for. */
public final class ArtifactExistsException extends CatalogException {

    private static final long serialVersionUID = 1L;

    private final transient ArtifactReference reference;
    private final String catalogName;

    public ArtifactExistsException(ArtifactReference reference, String catalogName) {
        super(message(reference, catalogName, "use force to overwrite"));
        this.reference = reference;
        this.catalogName = catalogName;
    }

    /** scafctl's text, with the caller's way of asking for an overwrite in place of the CLI's {@code --force}. */
    public String messageWithHint(String overwriteHint) {
        return message(reference, catalogName, overwriteHint);
    }

    public ArtifactReference reference() {
        return reference;
    }

    private static String message(ArtifactReference reference, String catalogName, String overwriteHint) {
        return String.format("artifact \"%s\" already exists in catalog \"%s\" (%s)", reference, catalogName,
                overwriteHint);
    }
}
