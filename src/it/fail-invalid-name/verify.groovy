def log = new File(basedir, 'build.log').text
def expected = '''Invalid <name> (scafctl.name): invalid name "My_Provider": must be 1-128 lowercase letters, digits and single hyphens'''
assert log.contains(expected) : "build.log names the problem: ${expected}"
assert !new File(basedir, 'target/catalog').exists() : 'a refused build writes nothing'
