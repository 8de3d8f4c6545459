package dev.scafctl.catalog.testing;

import dev.scafctl.catalog.local.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One plain-HTTP registry, with a {@link RegistryFrontend} in front of it, for all the tests of a class:
 * {@code @RegisterExtension static final SharedRegistry shared = new SharedRegistry();}. Started before the first
 * test, stopped and deleted after the last.
 */
public final class SharedRegistry implements BeforeAllCallback, AfterAllCallback {

    private Path folder;
    private RegistryServer registry;
    private RegistryFrontend frontend;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        folder = Files.createTempDirectory("scafctl-shared-registry");
        registry = RegistryServer.startPlain(folder.resolve("registry"));
        frontend = new RegistryFrontend(registry);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        frontend.close();
        registry.close();
        AtomicFiles.deleteTreeQuietly(folder);
    }

    /** The registry itself. */
    public RegistryServer registry() {
        return registry;
    }

    /** The relay in front of it, which records requests and can fail some. */
    public RegistryFrontend frontend() {
        return frontend;
    }
}
