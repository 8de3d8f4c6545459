import groovy.json.JsonSlurper

def catalog = new File(basedir, 'target/catalog')
def digest = new File(basedir, 'target/scafctl/linux-only-1.0.0.digest').text.trim()
def index = new JsonSlurper().parse(new File(catalog, 'blobs/sha256/' + digest.substring(7)))
assert index.mediaType == 'application/vnd.oci.image.index.v1+json' : 'a subset is still an image index'
assert index.manifests.collect { it.platform.os + '/' + it.platform.architecture } == ['linux/amd64', 'linux/arm64']
assert index.manifests.collect { it.annotations['dev.scafctl.plugin.platform'] } == ['linux/amd64', 'linux/arm64']
assert new File(basedir, 'build.log').text.contains('(2 platform(s))')
