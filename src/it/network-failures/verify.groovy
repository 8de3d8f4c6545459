import dev.scafctl.maven.it.ItMaven

// Goals run by their full coordinates in cli/ (no pom there).
def maven = ItMaven.of(basedir, localRepositoryPath)
def cli = new File(basedir, 'cli')
def list = { List<String> arguments ->
    maven.runAllowingFailure(cli, 'list', ['-Dscafctl.catalogDir=catalog'] + arguments.collect { it.toString() })
}

// a port where nothing listens: list fails, it does not show an empty catalog
def closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())
int closedPort = closed.localPort
closed.close()
def refused = list(["-Dscafctl.catalog=http://127.0.0.1:${closedPort}/acme"])
assert refused.exitCode() != 0 : refused.output()
assert refused.output().contains("cannot reach registry 127.0.0.1:${closedPort}") : refused.output()
assert !refused.output().contains('holds no artifact') : refused.output()
assert !(refused.output() =~ /[A-Z][a-z]+Exception:/) : 'no exception class name: ' + refused.output()

// a server that accepts and then says nothing: -Dscafctl.timeout=2 gives up after 2 s, naming the wait
def silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())
def held = Collections.synchronizedList([])
Thread.startDaemon { while (!silent.closed) { try { held << silent.accept() } catch (IOException ignored) { } } }
long start = System.nanoTime()
def stalled = list(["-Dscafctl.catalog=http://127.0.0.1:${silent.localPort}/acme", '-Dscafctl.timeout=2'])
long seconds = (System.nanoTime() - start).intdiv(1_000_000_000L)
silent.close()
held.each { it.close() }
assert stalled.exitCode() != 0 : stalled.output()
assert stalled.output().contains("registry 127.0.0.1:${silent.localPort} went silent: nothing arrived for 2 s") : stalled.output()
assert stalled.output().contains('scafctl.timeout') : stalled.output()
assert seconds < 30 : "gave up after the timeout, not never (${seconds} s with Maven's start)"

def zero = list(["-Dscafctl.catalog=http://127.0.0.1:${closedPort}/acme", '-Dscafctl.timeout=0'])
assert zero.exitCode() != 0 && zero.output().contains('Invalid <timeout> (scafctl.timeout): "0" is not a whole number') : zero.output()

// a misspelt catalog name is no host name
def misspelt = list(['-Dscafctl.catalog=compnay'])
assert misspelt.exitCode() != 0 && misspelt.output().contains('no catalog named "compnay"') : misspelt.output()

// a password in the URL is never shown
def secret = list(['-Dscafctl.catalog=http://user:s3cretPW@127.0.0.1:5000/acme'])
assert secret.exitCode() != 0 : secret.output()
assert !secret.output().contains('s3cretPW') : secret.output()
assert secret.output().contains('settings.xml') : secret.output()

// a port out of range names the parameter
def port = list(['-Dscafctl.catalog=http://127.0.0.1:99999/acme'])
assert port.exitCode() != 0 && port.output().contains('Invalid <catalog> (scafctl.catalog): invalid registry host "127.0.0.1:99999"') : port.output()
true
