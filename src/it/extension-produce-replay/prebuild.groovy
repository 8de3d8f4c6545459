import dev.scafctl.maven.it.ItLocks
import dev.scafctl.maven.it.ItRegistry

// A registry holding echo 1.0.0; the build's own catalog is empty, so the extension resolves through the registry.
ItLocks.registerExtension(basedir, extensionVersion)
def registry = ItRegistry.startPlain(basedir)
ItLocks.publishTo("http://${registry.hostPort()}/acme".toString(), new File(basedir, 'target/publisher'),
        new File(basedir, 'target'), 'echo', '1.0.0')
// a newer matching version, pushed to the registry by the second run
ItLocks.publish(new File(basedir, 'target/newer'), new File(basedir, 'target'), 'echo', '1.5.0')
ItRegistry.mavenConfig(basedir, ["-Dscafctl.catalog=http://${registry.hostPort()}/acme".toString()])
return true
