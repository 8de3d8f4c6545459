import dev.scafctl.maven.it.ItKeys
import dev.scafctl.maven.it.ItRegistry

def registry = ItRegistry.startPlain(basedir)
ItKeys.newKeyPair(basedir, 'release')
ItKeys.newKeyPair(basedir, 'other')
ItKeys.encryptForCosign(basedir, 'release', 'it-release-passphrase-7f3a')
ItRegistry.mavenConfig(basedir, ["-Dscafctl.catalog=http://${registry.hostPort()}/acme".toString()])
return true
