import groovy.json.JsonSlurper

def entries = new JsonSlurper().parse(new File(basedir, 'target/catalog/index.json')).manifests
def digestOf = { ref -> entries.find { it.annotations['org.opencontainers.image.ref.name'] == ref }?.digest }
assert digestOf('provider/tagged:1.0.0') != null
assert digestOf('provider/tagged:stable') == digestOf('provider/tagged:1.0.0')
assert new File(basedir, 'build.log').text.contains('Tagged provider tagged@1.0.0 as stable in catalog "local"')
