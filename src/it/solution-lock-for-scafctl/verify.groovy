import groovy.json.JsonSlurper
import java.security.MessageDigest

// What scafctl's `plugins install -f solution.yaml` reads after this Maven build (pkg/cmd/scafctl/plugins/install.go):
// solution.lock beside the solution (pkg/solution/bundler/lock.go: version 1, plugins[].name/kind/version/digest/
// resolvedFrom, unknown fields ignored) and the local catalog's OCI layout; both must pin what Maven pinned.
def sha256 = { File f -> 'sha256:' + MessageDigest.getInstance('SHA-256').digest(f.bytes).encodeHex().toString() }
def ours = new File(basedir, '.scafctl.lock.yaml')
def copy = new File(basedir, 'solution.lock')
assert ours.isFile() : 'the lock the design names'
assert copy.isFile() : 'solution.lock for scafctl'
assert ours.bytes == copy.bytes : 'the same pins in both files'

def text = copy.text
assert text =~ /(?m)^version: 1$/
def entry = (text =~ /(?ms)^    - name: echo\n      kind: provider\n      version: 1\.0\.0\n      digest: (sha256:[0-9a-f]{64})\n      resolvedFrom: local\n      indexDigest: (sha256:[0-9a-f]{64})\n      platforms:\n          darwin\/arm64: (sha256:[0-9a-f]{64})\n          linux\/amd64: (sha256:[0-9a-f]{64})\n/)
assert entry.find() : "scafctl's fields first, then ours:\n" + text
def digest = entry.group(1)
def indexDigest = entry.group(2)
assert digest == sha256(new File(basedir, 'dist/echo-linux-amd64')) : 'digest is the binary of the lock platform'
assert entry.group(4) == digest
assert entry.group(3) == sha256(new File(basedir, 'dist/echo-darwin-arm64'))

def catalog = new File(basedir, 'target/catalog')
def blob = { String d -> new File(catalog, 'blobs/sha256/' + d.substring(7)) }
assert new File(catalog, 'oci-layout').text.contains('"imageLayoutVersion":"1.0.0"')
def stored = new JsonSlurper().parse(new File(catalog, 'index.json')).manifests
        .find { it.annotations['org.opencontainers.image.ref.name'] == 'provider/echo:1.0.0' }
assert stored != null
assert stored.digest == indexDigest : 'the lock pins the index the catalog holds'
assert sha256(blob(indexDigest)) == indexDigest
def index = new JsonSlurper().parse(blob(indexDigest))
def linux = index.manifests.find { it.platform.os == 'linux' && it.platform.architecture == 'amd64' }
assert sha256(blob(linux.digest)) == linux.digest
def layer = new JsonSlurper().parse(blob(linux.digest)).layers[0]
assert layer.digest == digest : 'the binary scafctl fetches for linux/amd64 is the one solution.lock pins'
assert sha256(blob(digest)) == digest

def log = new File(basedir, 'build.log').text
assert log.contains('Wrote .scafctl.lock.yaml and, for scafctl, solution.lock') || log.contains('and, for scafctl, solution.lock')
return true
