import dev.scafctl.maven.it.ItLocks

ItLocks.registerExtension(basedir, extensionVersion)
def catalog = new File(basedir, 'target/catalog')
ItLocks.publish(catalog, new File(basedir, 'target'), 'echo', '1.0.0')
ItLocks.publish(catalog, new File(basedir, 'target'), 'extra', '3.0.0')
def solution = ItLocks.guardedSolution(basedir, '{name: extra, kind: provider, version: "^3"}')
ItLocks.lock(solution, catalog)
ItLocks.replace(solution, '    - {name: extra, kind: provider, version: "^3"}\n', '')
return true
