import dev.scafctl.maven.it.ItKeys
import dev.scafctl.maven.it.ItRegistry
import groovy.json.JsonSlurper
import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse
import java.nio.file.Files

def registry = ItRegistry.get(basedir)
try {
    def index = new File(basedir, 'target/scafctl/it-signed-1.0.0.digest').text.trim()
    def client = HttpClient.newHttpClient()
    def get = { String path, String accept ->
        def request = HttpRequest.newBuilder(registry.baseUri().resolve("/v2/acme/providers/it-signed/${path}"))
                .header('Accept', accept).build()
        def response = client.send(request, HttpResponse.BodyHandlers.ofByteArray())
        assert response.statusCode() == 200 : "${path}: HTTP ${response.statusCode()}"
        response.body()
    }
    def oci = 'application/vnd.oci.image.manifest.v1+json, application/vnd.oci.image.index.v1+json'
    def digests = [index] + new JsonSlurper().parse(get("manifests/${index}", oci)).manifests*.digest
    assert digests.size() == 3 : 'the index and its two platform manifests'

    def keys = new File(basedir, 'keys').toPath()
    digests.each { String digest ->
        def sig = new JsonSlurper().parse(get("manifests/sha256-${digest.substring(7)}.sig", oci))
        assert sig.layers.size() == 1 : "one signature of ${digest} after two pushes"
        def layer = sig.layers[0]
        assert layer.mediaType == 'application/vnd.dev.cosign.simplesigning.v1+json'
        def payload = get("blobs/${layer.digest}", '*/*')
        assert new JsonSlurper().parse(payload).critical.image.'docker-manifest-digest' == digest
        def payloadFile = Files.write(keys.resolve("${digest.substring(7)}.json"), payload)
        def signatureFile = Files.write(keys.resolve("${digest.substring(7)}.sig"),
                layer.annotations.'dev.cosignproject.cosign/signature'.decodeBase64())
        assert ItKeys.verifies(keys.resolve('release.pub'), signatureFile, payloadFile) : "openssl verifies ${digest}"
        assert !ItKeys.verifies(keys.resolve('other.pub'), signatureFile, payloadFile) : 'and not with another key'
    }

    def log = new File(basedir, 'build.log').text
    def fingerprint = ItKeys.fingerprint(keys.resolve('release.pub'))
    assert log.contains("Signed 3 digest(s) with key ${fingerprint}: ${index} and its platform manifests")
    assert log.contains("Signed 0 digest(s) with key ${fingerprint} (3 already signed with it)")
    assert log.contains('Kept the signatures of 3 digest(s) in the local catalog') : 'the publisher keeps what it signed'
    def local = new File(basedir, 'target/catalog/index.json').text
    digests.each { String digest ->
        assert local.contains("provider/it-signed:sha256-${digest.substring(7)}.sig") : "the local entry of ${digest}'s signatures"
    }
    assert !log.contains('Pushed the signatures the local catalog keeps') : 'the second push finds them all in the registry'
    assert !log.contains('it-release-passphrase-7f3a') : 'the passphrase is in no log line'
    assert !log.contains('can be read by its group') : 'the key file is private'
} finally {
    ItRegistry.stop(basedir)
}
