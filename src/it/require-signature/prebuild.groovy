import dev.scafctl.maven.it.ItKeys
import dev.scafctl.maven.it.ItRegistry

def registry = ItRegistry.startPlain(basedir)
ItKeys.newKeyPair(basedir, 'release')
ItRegistry.mavenConfig(basedir, ["-Dscafctl.catalog=http://${registry.hostPort()}/acme".toString()])
return true
