import dev.scafctl.maven.it.ItLocks

ItLocks.registerExtension(basedir, extensionVersion)
def catalog = new File(basedir, 'target/catalog')
ItLocks.publish(catalog, new File(basedir, 'target'), 'echo', '1.0.0')
ItLocks.publish(catalog, new File(basedir, 'target'), 'extra', '3.0.0')
def solution = new File(basedir, 'solution.yaml')
solution.text = 'metadata:\n  name: guarded\n  version: 1.0.0\nbundle:\n  plugins:\n    - {name: echo, kind: provider, version: "^1"}\n' +
        '    - {name: extra, kind: provider, version: "^3"}\n'
ItLocks.lock(solution, catalog)
ItLocks.replace(solution, '    - {name: extra, kind: provider, version: "^3"}\n', '')
return true
