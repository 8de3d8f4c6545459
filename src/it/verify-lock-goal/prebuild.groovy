import dev.scafctl.maven.it.ItLocks

def catalog = new File(basedir, 'target/catalog')
ItLocks.publish(catalog, new File(basedir, 'target'), 'echo', '1.0.0')
def solution = ItLocks.guardedSolution(basedir)
ItLocks.lock(solution, catalog)
def lock = new File(basedir, '.scafctl.lock.yaml')
new File(basedir, 'target/real-digest').text = (lock.text =~ /darwin\/arm64: (sha256:[0-9a-f]{64})/)[0][1]
ItLocks.replace(lock, 'darwin/arm64: ' + new File(basedir, 'target/real-digest').text, 'darwin/arm64: sha256:' + 'f' * 64)
return true
