def log = new File(basedir, 'build.log').text
def expected = '''Invalid <platforms> (scafctl.platforms): platform "linux/amd64": path '''
assert log.contains(expected) : "build.log names the problem: ${expected}"
assert !new File(basedir, 'target/catalog').exists() : 'a refused build writes nothing'
assert log.contains('/dist is a directory, not a binary')
