import dev.scafctl.maven.it.ItRegistry

def registry = ItRegistry.get(basedir)
def proxy = ItRegistry.tinyProxy(basedir)
try {
    def log = new File(basedir, 'build.log').text
    def digest = new File(basedir, 'target/scafctl/secured-1.0.0.digest').text.trim()
    assert log.contains("Pushed provider secured@1.0.0 to ${registry.hostPort()}/team/providers/secured:1.0.0 ${digest}")
    assert log.contains("Pulled provider secured@1.0.0 from ${registry.hostPort()}/team/providers/secured:1.0.0 ${digest}")
    def cached = new File(basedir, 'target/cache/secured/1.0.0/linux-amd64/secured')
    assert cached.isFile() && cached.bytes == new File(basedir, 'dist/secured-linux-amd64').bytes : 'install-plugins through the proxy'
    assert log =~ /provider secured@1\.0\.0 linux\/amd64 from .* \(installed\) -> /
    assert log.contains('[DEBUG]') : 'the build ran with -X'

    // (Maven's own downloads may use the proxy too)
    def requests = proxy.requests().findAll { it.contains(registry.hostPort()) }
    assert !requests.isEmpty() : 'registry traffic went through the proxy'
    assert requests.every { it == "CONNECT ${registry.hostPort()} HTTP/1.1".toString() } : requests

    // Neither login shows in the -X log, plain or as its Basic header value.
    [['corp-user', proxy.password()], [registry.user(), registry.password()]].each { user, secret ->
        assert !log.contains(secret) : "a password is in the log"
        assert !log.contains(Base64.encoder.encodeToString("${user}:${secret}".getBytes('UTF-8'))) : 'a Basic header is in the log'
    }
    assert registry.log() =~ /"PUT \/v2\/team\/providers\/secured\/manifests\/1\.0\.0 HTTP\/[0-9.]+" 201/
} finally {
    ItRegistry.stop(basedir)
}
