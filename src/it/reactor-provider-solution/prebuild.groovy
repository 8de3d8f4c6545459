import dev.scafctl.maven.it.ItLocks
import dev.scafctl.maven.it.ItRegistry

// The extension at the reactor root; a registry for the release step (push in deploy).
ItLocks.registerExtension(basedir, extensionVersion)
def registry = ItRegistry.startPlain(basedir)
ItRegistry.mavenConfig(basedir, ["-Dit.registry=${registry.hostPort()}".toString()])
return true
