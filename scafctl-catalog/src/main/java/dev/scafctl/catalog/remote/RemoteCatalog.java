package dev.scafctl.catalog.remote;

import dev.scafctl.catalog.InvalidInputException;
import dev.scafctl.catalog.artifact.ArtifactKind;
import dev.scafctl.catalog.artifact.ArtifactName;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A remote catalog: a registry plus a repository prefix. An artifact lives at
 * {@code <registry>/<prefix>/<plural>/<name>:<version>}, plural being {@code solutions}, {@code providers} or
 * {@code auth-handlers}. Nexus-style setups pull from a group repository and push to a hosted one, so a catalog
 * may name a separate {@link #pushTarget() push target}.
 */
public record RemoteCatalog(String name, Registry registry, String prefix, RemoteCatalog pushTo) {

    public RemoteCatalog {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(registry, "registry");
        prefix = prefix == null ? "" : stripSlashes(prefix);
    }

    /**
     * Parses a catalog URL as scafctl does: {@code oci://host[:port]/prefix} and {@code https://…} are TLS,
     * {@code http://…} is plain HTTP; without a scheme, TLS. The first path segment is the registry.
     */
    public static RemoteCatalog parse(String name, String url, boolean insecure, Path caFile) {
        if (url == null || url.isBlank()) {
            throw new InvalidInputException("catalog URL must not be empty");
        }
        String text = url.strip();
        boolean plainHttp = false;
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.startsWith("http://")) {
            plainHttp = true;
            text = text.substring(7);
        } else if (lower.startsWith("https://")) {
            text = text.substring(8);
        } else if (lower.startsWith("oci://")) {
            text = text.substring(6);
        } else if (text.contains("://")) {
            throw new InvalidInputException("catalog URL \"" + url + "\" has an unknown scheme; use oci://, https:// or http://");
        }
        if (text.startsWith("/")) {
            throw new InvalidInputException("catalog URL \"" + url + "\" names no registry host");
        }
        text = stripSlashes(text);
        int slash = text.indexOf('/');
        String host = slash < 0 ? text : text.substring(0, slash);
        int at = host.lastIndexOf('@');
        if (at >= 0) {
            // the user-info part is never shown: it often holds a password
            throw new InvalidInputException("catalog URL \"" + (url.contains("://") ? url.strip().substring(0, url.strip().indexOf("://") + 3) : "")
                    + "***@" + text.substring(at + 1) + "\" carries a user name or password; never put credentials in a"
                    + " URL: give them in a settings.xml <server> with id " + host.substring(at + 1)
                    + " (or SCAFCTL_REGISTRY_USERNAME and SCAFCTL_REGISTRY_PASSWORD, or docker login)");
        }
        String prefix = slash < 0 ? "" : text.substring(slash + 1);
        if (host.isEmpty()) {
            throw new InvalidInputException("catalog URL \"" + url + "\" names no registry host");
        }
        if (!prefix.isEmpty() && !prefix.matches("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*")) {
            throw new InvalidInputException("catalog URL \"" + url + "\": repository prefix \"" + prefix
                    + "\" is not a valid OCI repository path (lowercase letters, digits, '.', '_', '-', '/')");
        }
        return new RemoteCatalog(name == null ? host : name, new Registry(host, plainHttp, insecure, caFile), prefix, null);
    }

    /** The same catalog with a separate catalog to push to. */
    public RemoteCatalog withPushTo(RemoteCatalog target) {
        return new RemoteCatalog(name, registry, prefix, target);
    }

    /** Where pushes go: the push catalog when one is configured, else this one. */
    public RemoteCatalog pushTarget() {
        return Optional.ofNullable(pushTo).orElse(this);
    }

    /** {@code <prefix>/<plural>/<name>}: the repository of an artifact in this catalog. */
    public String repository(ArtifactKind kind, ArtifactName artifact) {
        String path = kind.repositoryName() + "/" + artifact.value();
        return prefix.isEmpty() ? path : prefix + "/" + path;
    }

    /** {@code oci://host/prefix}, for messages. */
    public String url() {
        return (registry.plainHttp() ? "http://" : "oci://") + registry.host() + (prefix.isEmpty() ? "" : "/" + prefix);
    }

    @Override
    public String toString() {
        return name.equals(registry.host()) ? url() : name + " (" + url() + ")";
    }

    private static String stripSlashes(String text) {
        String result = text;
        while (result.startsWith("/")) {
            result = result.substring(1);
        }
        while (result.endsWith("/")) {
            result = result.substring(0, result.length() - 1);
        }
        return result;
    }
}
