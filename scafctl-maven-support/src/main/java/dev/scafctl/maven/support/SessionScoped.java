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
}
