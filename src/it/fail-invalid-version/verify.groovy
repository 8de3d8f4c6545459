def log = new File(basedir, 'build.log').text
def expected = '''Invalid <version> (scafctl.artifactVersion): invalid version "1.2.3.4": not a semantic version (e.g. 1.2.3)'''
assert log.contains(expected) : "build.log names the problem: ${expected}"
assert !new File(basedir, 'target/catalog').exists() : 'a refused build writes nothing'
