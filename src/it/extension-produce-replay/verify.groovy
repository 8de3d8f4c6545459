import dev.scafctl.maven.it.ItRegistry

def registry = ItRegistry.get(basedir)

// the extension's installed pom is flattened: Maven resolves it before every build, so it names no parent
// (with BOM imports) and no dependency (maven-core's tree would be collected)
def extensionPoms = []
new File(basedir, '../../local-repo/dev/scafctl/scafctl-lock-extension').eachFileRecurse(groovy.io.FileType.FILES) {
    if (it.name.endsWith('.pom')) extensionPoms << it
}
assert extensionPoms : 'the extension is installed in the invoker repository'
extensionPoms.each { pom ->
    assert !pom.text.contains('<parent>') && !pom.text.contains('<dependencies>') : "${pom} is not flattened:\n${pom.text}"
}
try {
    def log = new File(basedir, 'build.log').text
    def lock = new File(basedir, '.scafctl.lock.yaml').text
    assert log.contains("scafctl lock [ext-produce-replay]: produced .scafctl.lock.yaml: pinned echo@1.0.0 from ${registry.hostPort()}")
    assert log.contains("Pushed provider echo@1.5.0 to ${registry.hostPort()}/acme/providers/echo:1.5.0")
    assert log.contains('scafctl lock [ext-produce-replay]: lock .scafctl.lock.yaml holds (1 plugin(s))')
    assert lock.contains('      version: 1.0.0\n') && !lock.contains('1.5.0') : 'the newer version is not picked up'
    assert lock.contains("      resolvedFrom: ${registry.hostPort()}\n")
    assert log =~ /provider echo@1\.0\.0 linux\/amd64 from 127\.0\.0\.1:\d+ sha256:[0-9a-f]{64} \(installed, pinned\)/
    assert new File(basedir, 'target/cache/echo/1.0.0/linux-amd64/echo').isFile()
    assert !new File(basedir, 'target/cache/echo/1.5.0').exists()
} finally {
    ItRegistry.stop(basedir)
}
