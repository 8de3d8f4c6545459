package dev.scafctl.catalog.plugin;

import dev.scafctl.catalog.CatalogException;
import dev.scafctl.catalog.artifact.Platform;
import java.util.List;

/** The artifact ships no binary for the platform asked for; scafctl's text, listing what it does ship. */
public final class PlatformNotFoundException extends CatalogException {

    private static final long serialVersionUID = 1L;

    public PlatformNotFoundException(Platform platform, List<String> available) {
        super("platform \"" + platform + "\" not found in image index (available: [" + String.join(" ", available) + "])");
    }
}
