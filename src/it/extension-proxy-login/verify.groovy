import dev.scafctl.maven.it.ItRegistry

def registry = ItRegistry.get(basedir)
def proxy = ItRegistry.tinyProxy(basedir)
try {
    def log = new File(basedir, 'build.log').text
    assert log.contains("scafctl lock [ext-proxy-login]: produced .scafctl.lock.yaml: pinned echo@1.0.0 from ${registry.hostPort()}")
    assert log =~ /provider echo@1\.0\.0 linux\/amd64 from 127\.0\.0\.1:\d+ sha256:[0-9a-f]{64} \(installed, pinned\)/
    assert new File(basedir, 'target/cache/echo/1.0.0/linux-amd64/echo').isFile()
    // (Maven's own downloads may use the proxy too)
    def requests = proxy.requests().findAll { it.contains(registry.hostPort()) }
    assert !requests.isEmpty() : 'registry traffic went through the proxy'
    assert requests.every { it.matches(/[A-Z]+ http:\/\/${registry.hostPort()}\/v2\/.*/) } : requests
    assert log.contains('[DEBUG]') : 'the build ran with -X'
    assert !log.contains(proxy.password()) : 'the proxy password is not in the log'
    assert !log.contains(Base64.encoder.encodeToString("corp-user:${proxy.password()}".getBytes('UTF-8'))) : 'nor its Basic form'
} finally {
    ItRegistry.stop(basedir)
}
