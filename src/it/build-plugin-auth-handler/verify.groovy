import groovy.json.JsonSlurper

def catalog = new File(basedir, 'target/catalog')
def entry = new JsonSlurper().parse(new File(catalog, 'index.json')).manifests
        .find { it.annotations['org.opencontainers.image.ref.name'] == 'auth-handler/github-auth:2.0.0' }
assert entry != null
assert entry.annotations['dev.scafctl.artifact.type'] == 'auth-handler'
assert entry.annotations['org.opencontainers.image.version'] == '2.0.0'

def index = new JsonSlurper().parse(new File(catalog, 'blobs/sha256/' + entry.digest.substring(7)))
def manifest = new JsonSlurper().parse(new File(catalog, 'blobs/sha256/' + index.manifests[0].digest.substring(7)))
assert manifest.config.mediaType == 'application/vnd.scafctl.auth-handler.config.v1+json'
assert manifest.layers[0].mediaType == 'application/vnd.scafctl.auth-handler.v1+binary'
assert new File(basedir, 'build.log').text.contains('Built auth-handler github-auth@2.0.0 (2 platform(s))')
