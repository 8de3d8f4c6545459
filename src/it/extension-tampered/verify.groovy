def log = new File(basedir, 'build.log').text
def real = new File(basedir, 'target/real-digest').text
assert log.contains("plugin binary digest mismatch for echo@1.0.0: expected sha256:${'0' * 64}, got ${real}")
assert !new File(basedir, 'target/cache/echo').exists() : 'nothing ran: the build failed before any goal'
