package dev.scafctl.catalog;

/** No catalog holds the artifact (or version) asked for; the message says where it looked. */
public final class ArtifactNotFoundException extends CatalogException {

    private static final long serialVersionUID = 1L;

    public ArtifactNotFoundException(String message) {
        super(message);
    }
}
