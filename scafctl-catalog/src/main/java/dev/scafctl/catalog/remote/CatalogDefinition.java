package dev.scafctl.catalog.remote;

import dev.scafctl.catalog.InvalidInputException;
import java.nio.file.Path;

/**
 * A remote catalog as configured: a name, the URL to pull from, optionally a separate URL to push to (a Nexus
 * hosted repository behind a group), whether TLS checks are off, and a CA file to trust beside the JDK's roots.
 */
public record CatalogDefinition(String name, String url, String pushUrl, boolean insecure, Path caFile) {

    public CatalogDefinition {
        if (name == null || name.isBlank()) {
            throw new InvalidInputException("a catalog needs a name");
        }
        if (url == null || url.isBlank()) {
            throw new InvalidInputException("catalog \"" + name + "\" needs a url");
        }
    }

    public RemoteCatalog toRemoteCatalog() {
        RemoteCatalog pull = RemoteCatalog.parse(name, url, insecure, caFile);
        return pushUrl == null || pushUrl.isBlank() ? pull
                : pull.withPushTo(RemoteCatalog.parse(name + " (push)", pushUrl, insecure, caFile));
    }
}
