import groovy.json.JsonSlurper
import dev.scafctl.maven.it.ItRegistry

def registry = ItRegistry.get(basedir)
try {
    def expected = new File(basedir, 'target/expected-1.1.0.digest').text.trim()
    def catalog = new File(basedir, 'target/catalog')
    def entries = new JsonSlurper().parse(new File(catalog, 'index.json')).manifests
    assert entries.size() == 1
    def entry = entries[0]
    assert entry.annotations['org.opencontainers.image.ref.name'] == 'provider/shared-provider:1.1.0'
    assert entry.digest == expected : 'the pulled index has the published digest'
    def index = new JsonSlurper().parse(new File(catalog, 'blobs/sha256/' + expected.substring(7)))
    assert index.manifests.size() == 2
    def log = new File(basedir, 'build.log').text
    assert log.contains("Pulled provider shared-provider@1.1.0 from ${registry.hostPort()}/acme/providers/shared-provider:1.1.0 ${expected}")
    assert log =~ /Pulled provider shared-provider@1\.1\.0 .*already in the local catalog\) in \d+\.\d\d s/ : 'pull ends with its elapsed time, as push does'
} finally {
    ItRegistry.stop(basedir)
}
