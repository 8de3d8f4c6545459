import dev.scafctl.maven.it.ItKeys
import dev.scafctl.maven.it.ItRegistry

def registry = ItRegistry.startPlain(basedir)
ItKeys.newKeyPair(basedir, 'release')
// no scafctl.catalog for every goal: the connected side's inspect and save read the local catalog
ItRegistry.mavenConfig(basedir, ["-Dregistry=${registry.hostPort()}".toString()])
return true
