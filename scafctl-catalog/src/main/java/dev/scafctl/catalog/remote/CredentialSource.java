package dev.scafctl.catalog.remote;

import java.util.List;
import java.util.Optional;

/** Somewhere credentials for a registry may be found: settings.xml, the environment, a docker config file. */
@FunctionalInterface
public interface CredentialSource {

    Optional<Credentials> find(Registry registry);

    /** Anonymous access: no credentials anywhere. */
    static CredentialSource anonymous() {
        return registry -> Optional.empty();
    }

    /** The first source that has credentials for the registry wins. */
    static CredentialSource firstOf(List<CredentialSource> sources) {
        List<CredentialSource> copy = List.copyOf(sources);
        return registry -> {
            for (CredentialSource source : copy) {
                Optional<Credentials> found = source.find(registry);
                if (found.isPresent()) {
                    return found;
                }
            }
            return Optional.empty();
        };
    }
}
