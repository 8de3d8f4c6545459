package dev.scafctl.maven.support;

import java.util.function.Supplier;
import org.apache.maven.execution.MavenSession;
import org.eclipse.aether.SessionData;

/**
 * Knowledge kept for one Maven build and dropped with it (never in a static field, which under the Maven daemon or
 * in a second build of the same JVM would carry one build's registries and repositories into another's). Kept in
 * the build's repository session data, keyed by the class itself and its class loader, so that two versions of
 * the plugin in one build never see each other's objects.
 */
public final class SessionScoped {

    private static final String SAID_ONCE = "dev.scafctl.said-once";

    private SessionScoped() {}

    public static <T> T get(MavenSession session, Class<T> type, Supplier<T> create) {
        SessionData data = session.getRepositorySession().getData();
        String key = type.getName() + "@" + Integer.toHexString(System.identityHashCode(type));
        while (true) {
            Object existing = data.get(key);
            if (existing != null) {
                return type.cast(existing);
            }
            T created = create.get();
            if (data.set(key, null, created)) {
                return created;
            }
        }
    }

    /**
     * Whether {@code line} is said for the first time in this build, by any module, goal or the lock extension (the
     * set is a JDK type under a fixed key, so the plugin's and the extension's class loaders share it).
     */
    @SuppressWarnings("unchecked")
    public static boolean firstTime(MavenSession session, String line) {
        SessionData data = session.getRepositorySession().getData();
        Object said = data.get(SAID_ONCE);
        while (said == null) {
            data.set(SAID_ONCE, null, java.util.concurrent.ConcurrentHashMap.newKeySet()); // false if another set it first
            said = data.get(SAID_ONCE);
        }
        return ((java.util.Set<String>) said).add(line);
    }
}
