import dev.scafctl.maven.it.ItRegistry

ItRegistry.startPlain(basedir)
return true
