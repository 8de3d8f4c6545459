import dev.scafctl.maven.it.ItLocks

ItLocks.registerExtension(basedir, extensionVersion)
def catalog = new File(basedir, 'target/catalog')
ItLocks.publish(catalog, new File(basedir, 'target'), 'echo', '1.0.0')
def solution = new File(basedir, 'solution.yaml')
solution.text = 'metadata:\n  name: guarded\n  version: 1.0.0\nbundle:\n  plugins:\n    - {name: echo, kind: provider, version: "^1"}\n'
ItLocks.lock(solution, catalog)
return true
