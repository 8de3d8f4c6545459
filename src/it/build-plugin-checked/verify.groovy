import groovy.json.JsonSlurper

def catalog = new File(basedir, 'target/catalog')
def json = new JsonSlurper()
def blob = { String digest -> json.parse(new File(catalog, 'blobs/sha256/' + digest.substring(7))) }
def entries = json.parse(new File(catalog, 'index.json')).manifests
def entry = { String ref -> entries.find { it.annotations['org.opencontainers.image.ref.name'] == ref } }

// The names the binaries serve, sorted and comma-joined, on the catalog entry, the index and every manifest.
[['provider/test-provider:1.0.0', 'dev.scafctl.provider.names', 'aws-s3,echo,http'],
 ['auth-handler/test-auth:1.0.0', 'dev.scafctl.auth-handler.names', 'entra,github']].each { ref, key, names ->
    def descriptor = entry(ref)
    assert descriptor != null : ref
    assert descriptor.annotations[key] == names
    def index = blob(descriptor.digest)
    assert index.annotations[key] == names
    assert !index.manifests.isEmpty()
    index.manifests.each { manifest ->
        assert manifest.annotations[key] == names
        assert blob(manifest.digest).annotations[key] == names
    }
}

// No binary for this machine: built, without the check and without names.
def macOnly = entry('provider/mac-only:1.0.0')
assert macOnly != null
assert !macOnly.annotations.containsKey('dev.scafctl.provider.names')

def log = new File(basedir, 'build.log').text
assert log.contains('Plugin check: the linux/amd64 binary serves provider aws-s3, echo, http')
assert log.contains('Plugin check: the linux/amd64 binary serves auth-handler entra, github')
assert log.contains('No binary for this machine\'s platform (linux/amd64) among <platforms>: building without the plugin check')
assert ProcessHandle.allProcesses().noneMatch { it.info().command().orElse('').contains('scafctl-plugin-check-') }
