import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
assert log.contains('artifact "exists@1.0.0" already exists in catalog "local" (set <force>true</force> or -Dscafctl.force=true to overwrite)')

// The refused run left the first build in place.
def first = new File(basedir, 'target/scafctl/exists-1.0.0.digest').text.trim()
def entry = new JsonSlurper().parse(new File(basedir, 'target/catalog/index.json')).manifests
        .find { it.annotations['org.opencontainers.image.ref.name'] == 'provider/exists:1.0.0' }
assert entry.digest == first
