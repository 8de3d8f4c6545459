import groovy.json.JsonSlurper

def catalog = new File(basedir, 'target/catalog')
def entry = new JsonSlurper().parse(new File(catalog, 'index.json')).manifests
        .find { it.annotations['org.opencontainers.image.ref.name'] == 'solution/compose-demo:2.1.0' }
assert entry != null : 'metadata.version wins over the project version'
def manifest = new JsonSlurper().parse(new File(catalog, 'blobs/sha256/' + entry.digest.substring(7)))
assert manifest.layers.size() == 1 : 'nothing to bundle: the YAML alone'
def yaml = new File(catalog, 'blobs/sha256/' + manifest.layers[0].digest.substring(7)).text
['environment:', 'app_name:', 'greet:'].each { assert yaml.contains(it) : it }
assert !yaml.contains('compose:')
assert new File(basedir, 'build.log').text.contains('Composed 3 file(s) into the solution')
