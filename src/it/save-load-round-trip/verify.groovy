import groovy.json.JsonSlurper
import java.security.MessageDigest

def sha256 = { byte[] b -> 'sha256:' + MessageDigest.getInstance('SHA-256').digest(b).encodeHex().toString() }
def entry = { String catalog -> new JsonSlurper().parse(new File(basedir, "target/${catalog}/index.json")).manifests
        .find { it.annotations['org.opencontainers.image.ref.name'] == 'provider/carried:1.0.0' } }

def built = new File(basedir, 'target/scafctl/carried-1.0.0.digest').text.trim()
assert entry('connected').digest == built
assert entry('air-gapped').digest == built : 'the loaded index has the built digest'
assert new File(basedir, 'target/first.tar').bytes == new File(basedir, 'target/second.tar').bytes : 'save is reproducible'

def cached = new File(basedir, 'target/cache/carried/1.0.0/darwin-arm64/carried')
assert sha256(cached.bytes) == sha256(new File(basedir, 'dist/carried-darwin-arm64').bytes)

def log = new File(basedir, 'build.log').text
assert log.contains('Saved 1 artifact(s), 7 blob(s)') : 'the index, 2 manifests, 2 configs, 2 binaries'
assert log.contains('Loaded 1 artifact(s)')
assert log.contains("provider carried@1.0.0 darwin/arm64 from local ${sha256(cached.bytes)} (installed)")
