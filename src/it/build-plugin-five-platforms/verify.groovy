import groovy.json.JsonSlurper
import java.security.MessageDigest

def catalog = new File(basedir, 'target/catalog')
def entry = new JsonSlurper().parse(new File(catalog, 'index.json')).manifests
        .find { it.annotations['org.opencontainers.image.ref.name'] == 'provider/hello-provider:1.0.0' }
assert entry != null : 'the catalog has provider/hello-provider:1.0.0'
assert entry.mediaType == 'application/vnd.oci.image.index.v1+json'

def digest = new File(basedir, 'target/scafctl/hello-provider-1.0.0.digest').text.trim()
assert entry.digest == digest

def blob = { String d -> new File(catalog, 'blobs/sha256/' + d.substring('sha256:'.length())) }
def sha256 = { File f -> 'sha256:' + MessageDigest.getInstance('SHA-256').digest(f.bytes).encodeHex().toString() }
assert sha256(blob(digest)) == digest

def index = new JsonSlurper().parse(blob(digest))
def platforms = ['linux/amd64', 'linux/arm64', 'darwin/amd64', 'darwin/arm64', 'windows/amd64']
assert index.manifests.collect { it.platform.os + '/' + it.platform.architecture } == platforms
assert index.annotations['org.opencontainers.image.created'] == '2026-01-01T00:00:00Z'

index.manifests.each { m ->
    def manifest = new JsonSlurper().parse(blob(m.digest))
    def layer = manifest.layers[0]
    assert layer.mediaType == 'application/vnd.scafctl.provider.v1+binary'
    def platform = m.platform.os + '-' + m.platform.architecture
    def source = new File(basedir, 'dist').listFiles().find { it.name.startsWith('hello-provider-' + platform) }
    assert layer.digest == sha256(source)
}

def log = new File(basedir, 'build.log').text
platforms.each { p -> assert log.contains("[INFO] ${p} -> dist/hello-provider-${p.replace('/', '-')}") }
assert log.contains("[INFO] Built provider hello-provider@1.0.0 (5 platform(s)) ${digest} in ${catalog.canonicalPath}")
