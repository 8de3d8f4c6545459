def log = new File(basedir, 'build.log').text
def real = new File(basedir, 'target/real-digest').text
assert log.contains("plugin binary digest mismatch for echo@1.0.0: expected sha256:${'f' * 64}, got ${real}")
