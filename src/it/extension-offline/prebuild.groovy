import dev.scafctl.maven.it.ItLocks

ItLocks.registerExtension(basedir, extensionVersion)
def catalog = new File(basedir, 'target/catalog')
ItLocks.publish(catalog, new File(basedir, 'target'), 'echo', '1.0.0')
def solution = ItLocks.guardedSolution(basedir)
ItLocks.lock(solution, catalog)
return true
