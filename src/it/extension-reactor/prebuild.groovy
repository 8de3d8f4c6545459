import dev.scafctl.maven.it.ItLocks

ItLocks.registerExtension(basedir, extensionVersion)
def catalog = new File(basedir, 'target/catalog')
ItLocks.publish(catalog, new File(basedir, 'target'), 'echo', '1.0.0')
ItLocks.publish(catalog, new File(basedir, 'target'), 'tool', '2.1.3')
return true
