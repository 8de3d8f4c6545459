import dev.scafctl.maven.it.ItRegistry

def registry = ItRegistry.get(basedir)
def proxy = ItRegistry.proxy(basedir)
try {
    def log = new File(basedir, 'build.log').text
    assert log.contains("Pushed provider proxied@1.0.0 to ${registry.hostPort()}/acme/providers/proxied:1.0.0")
    def lines = proxy.firstLines()
    assert !lines.isEmpty() : 'registry traffic went through the proxy'
    assert lines.every { it.contains("http://${registry.hostPort()}/v2/") } : lines
} finally {
    ItRegistry.stop(basedir)
}
