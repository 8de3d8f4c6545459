import groovy.json.JsonSlurper

def catalog = new File(basedir, 'target/catalog')
def entry = new JsonSlurper().parse(new File(catalog, 'index.json')).manifests
        .find { it.annotations['org.opencontainers.image.ref.name'] == 'solution/bundling-example:1.0.0' }
assert entry != null : 'the version comes from the project, since the solution names none'
assert entry.annotations['dev.scafctl.solution.category'] == 'developer-tools'

def log = new File(basedir, 'build.log').text
['configs/dev.yaml', 'configs/prod.yaml', 'configs/staging.yaml', 'templates/deployment.yaml'].each {
    assert log.contains("[INFO] bundled ${it} (") : it
}
assert !log.contains('test_test.yaml') : 'bundle.exclude'
assert log.contains("Built solution bundling-example@1.0.0 (4 bundled file(s), 0 plugin(s)) ${entry.digest}")

// skopeo, an independent client, reads the stored manifest
def skopeo = new ProcessBuilder('skopeo', '--policy', new File(basedir, 'policy.json').tap {
    it.text = '{"default":[{"type":"insecureAcceptAnything"}]}' }.path,
        'inspect', '--raw', "oci:${catalog}:solution/bundling-example:1.0.0".toString()).redirectErrorStream(true).start()
def raw = skopeo.inputStream.text
assert skopeo.waitFor() == 0 : raw
def manifest = new JsonSlurper().parseText(raw)
assert manifest.layers*.mediaType == ['application/vnd.scafctl.solution.v1+yaml', 'application/vnd.scafctl.solution.bundle.v1+tar']
