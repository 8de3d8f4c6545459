package dev.scafctl.catalog.remote;

import java.util.Map;
import java.util.Optional;

/** scafctl's {@code SCAFCTL_REGISTRY_USERNAME} and {@code SCAFCTL_REGISTRY_PASSWORD}, for any registry. */
public final class EnvironmentCredentials implements CredentialSource {

    public static final String USERNAME = "SCAFCTL_REGISTRY_USERNAME";
    public static final String PASSWORD = "SCAFCTL_REGISTRY_PASSWORD";

    private final Map<String, String> environment;

    public EnvironmentCredentials(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    @Override
    public Optional<Credentials> find(Registry registry) {
        String user = environment.get(USERNAME);
        String password = environment.get(PASSWORD);
        if (user == null || user.isEmpty() || password == null) {
            return Optional.empty();
        }
        return Optional.of(new Credentials(user, password, "environment " + USERNAME + "/" + PASSWORD));
    }
}
