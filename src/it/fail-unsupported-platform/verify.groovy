def log = new File(basedir, 'build.log').text
def expected = '''Invalid <platforms> (scafctl.platforms): unsupported platform "linux/riscv64"; supported: linux/amd64, linux/arm64, darwin/amd64, darwin/arm64, windows/amd64'''
assert log.contains(expected) : "build.log names the problem: ${expected}"
assert !new File(basedir, 'target/catalog').exists() : 'a refused build writes nothing'
