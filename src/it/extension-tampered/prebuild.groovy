import dev.scafctl.maven.it.ItLocks

ItLocks.registerExtension(basedir, extensionVersion)
def catalog = new File(basedir, 'target/catalog')
ItLocks.publish(catalog, new File(basedir, 'target'), 'echo', '1.0.0')
def solution = ItLocks.guardedSolution(basedir)
ItLocks.lock(solution, catalog)
def lock = new File(basedir, '.scafctl.lock.yaml')
def real = (lock.text =~ /linux\/amd64: (sha256:[0-9a-f]{64})/)[0][1]
new File(basedir, 'target/real-digest').text = real
ItLocks.replace(lock, 'linux/amd64: ' + real, 'linux/amd64: sha256:' + '0' * 64)
return true
