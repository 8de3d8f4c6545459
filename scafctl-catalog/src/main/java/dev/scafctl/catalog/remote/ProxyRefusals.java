package dev.scafctl.catalog.remote;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The proxy logins a proxy refused during one build, so that a wrong password is not sent again by the next request
 * (directory-backed proxies lock an account after a few failures). Kept by the build (the Maven session), never in a
 * static field; holds only a hash of each login.
 */
public final class ProxyRefusals {

    private final Set<String> refused = ConcurrentHashMap.newKeySet();

    boolean refused(ProxyRoute route) {
        return refused.contains(key(route));
    }

    void remember(ProxyRoute route) {
        refused.add(key(route));
    }

    private static String key(ProxyRoute route) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(
                    route.login().basicAuthorization().getBytes(StandardCharsets.UTF_8));
            return route.address() + " " + HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
