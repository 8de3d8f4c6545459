import groovy.json.JsonSlurper

def entryIn = { String name ->
    def catalog = new File(basedir, 'target/' + name)
    def entry = new JsonSlurper().parse(new File(catalog, 'index.json')).manifests
            .find { it.annotations['org.opencontainers.image.ref.name'] == 'provider/same-bytes:1.0.0' }
    assert entry != null : "${name} holds the plugin"
    [digest: entry.digest, bytes: new File(catalog, 'blobs/sha256/' + entry.digest.substring(7)).bytes,
     blobs: new File(catalog, 'blobs/sha256').list().sort()]
}
def a = entryIn('catalog-a')
def b = entryIn('catalog-b')
assert a.digest == b.digest
assert a.bytes == b.bytes
assert a.blobs == b.blobs : 'every config, manifest and binary blob is the same too'
