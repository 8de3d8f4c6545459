package dev.scafctl.maven.it;

import dev.scafctl.catalog.testing.ForwardProxy;
import dev.scafctl.catalog.testing.RegistryServer;
import dev.scafctl.catalog.testing.TinyProxy;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The real registry for invoker projects: {@code prebuild.groovy} starts it and hands its address to the Maven build
 * through the project's {@code .mvn/maven.config}; {@code verify.groovy} inspects and stops it. The running server
 * is kept in the invoker JVM's system properties between the two scripts.
 */
public final class ItRegistry {

    private ItRegistry() {}

    public static RegistryServer startPlain(File basedir) {
        return remember(basedir, RegistryServer.startPlain(basedir.toPath().resolve("target/registry")));
    }

    public static RegistryServer startTls(File basedir) {
        return remember(basedir, RegistryServer.startTls(basedir.toPath().resolve("target/registry")));
    }

    public static RegistryServer get(File basedir) {
        Object server = System.getProperties().get(key(basedir));
        if (!(server instanceof RegistryServer registry)) {
            throw new IllegalStateException("no registry was started for " + basedir + " (is prebuild.groovy there?)");
        }
        return registry;
    }

    public static void stop(File basedir) {
        if (System.getProperties().remove(key(basedir) + ".proxy") instanceof AutoCloseable proxy) {
            try {
                proxy.close();
            } catch (Exception e) {
                throw new IllegalStateException("cannot stop the proxy of " + basedir, e);
            }
        }
        Object server = System.getProperties().remove(key(basedir));
        if (server instanceof RegistryServer registry) {
            registry.close();
        }
    }

    /** A forward proxy on loopback for {@code basedir}'s build, stopped by {@link #stop(File)}. */
    public static ForwardProxy startProxy(File basedir) {
        ForwardProxy proxy = new ForwardProxy();
        System.getProperties().put(key(basedir) + ".proxy", proxy);
        return proxy;
    }

    public static ForwardProxy proxy(File basedir) {
        return (ForwardProxy) System.getProperties().get(key(basedir) + ".proxy");
    }

    /** The real tinyproxy on loopback, requiring {@link TinyProxy#USER}'s login, stopped by {@link #stop(File)}. */
    public static TinyProxy startTinyProxyWithLogin(File basedir) {
        TinyProxy proxy = TinyProxy.withLogin(basedir.toPath().resolve("target/tinyproxy"));
        System.getProperties().put(key(basedir) + ".proxy", proxy);
        return proxy;
    }

    public static TinyProxy tinyProxy(File basedir) {
        return (TinyProxy) System.getProperties().get(key(basedir) + ".proxy");
    }

    /** Writes {@code .mvn/maven.config}, one command-line argument per line. */
    public static void mavenConfig(File basedir, List<String> arguments) {
        try {
            Path config = basedir.toPath().resolve(".mvn/maven.config");
            Files.createDirectories(config.getParent());
            Files.writeString(config, String.join("\n", arguments) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static RegistryServer remember(File basedir, RegistryServer registry) {
        System.getProperties().put(key(basedir), registry);
        return registry;
    }

    private static String key(File basedir) {
        return "scafctl.it.registry." + basedir.getAbsolutePath();
    }
}
