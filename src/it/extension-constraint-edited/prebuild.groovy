import dev.scafctl.maven.it.ItLocks

ItLocks.registerExtension(basedir, extensionVersion)
def catalog = new File(basedir, 'target/catalog')
ItLocks.publish(catalog, new File(basedir, 'target'), 'echo', '1.0.0')
ItLocks.publish(catalog, new File(basedir, 'target'), 'echo', '2.0.0')
def solution = ItLocks.guardedSolution(basedir)
ItLocks.lock(solution, catalog)
// then someone edits the constraint past what the lock pins
ItLocks.replace(solution, '"^1"', '"^2"')
return true
