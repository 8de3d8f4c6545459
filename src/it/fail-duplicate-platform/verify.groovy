def log = new File(basedir, 'build.log').text
def expected = '''Invalid <platforms> (scafctl.platforms): platform "linux/amd64" is given twice ("linux/amd64=dist/a" and "linux/amd64=dist/b"); give each platform once'''
assert log.contains(expected) : "build.log names the problem: ${expected}"
assert !new File(basedir, 'target/catalog').exists() : 'a refused build writes nothing'
