import dev.scafctl.maven.it.ItRegistry

def registry = ItRegistry.startPlain(basedir)
ItRegistry.mavenConfig(basedir, ["-Dscafctl.catalog=http://${registry.hostPort()}/acme".toString()])
return true
