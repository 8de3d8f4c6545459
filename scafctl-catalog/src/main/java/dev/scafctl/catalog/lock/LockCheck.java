package dev.scafctl.catalog.lock;

import dev.scafctl.catalog.artifact.PluginRequirement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Whether a lock still holds for a solution: every declared plugin has an entry whose version satisfies its
 * constraint, and no entry is for a plugin the solution no longer declares. Each difference is one line a person
 * can act on.
 */
public final class LockCheck {

    private LockCheck() {}

    public static List<String> differences(List<PluginRequirement> requirements, LockFile lock) {
        List<String> differences = new ArrayList<>();
        for (PluginRequirement requirement : requirements) {
            Optional<LockedPlugin> entry = lock.find(requirement.kind(), requirement.name());
            if (entry.isEmpty()) {
                differences.add(requirement.kind() + " " + requirement.name() + " is declared (" + requirement.constraint()
                        + ") but not locked");
            } else if (!requirement.constraint().isSatisfiedBy(entry.get().version())) {
                differences.add(requirement.kind() + " " + requirement.name() + ": the lock pins " + entry.get().version()
                        + ", which does not satisfy " + requirement.constraint());
            }
        }
        for (LockedPlugin plugin : lock.plugins()) {
            if (requirements.stream().noneMatch(r -> r.kind() == plugin.kind() && r.name().equals(plugin.name()))) {
                differences.add(plugin.kind() + " " + plugin.name() + "@" + plugin.version()
                        + " is locked but no longer declared");
            }
        }
        return differences;
    }
}
