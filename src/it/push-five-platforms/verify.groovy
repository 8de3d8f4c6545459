import dev.scafctl.maven.it.ItRegistry
import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse
import java.security.MessageDigest

def registry = ItRegistry.get(basedir)
try {
    def digest = new File(basedir, 'target/scafctl/it-provider-1.0.0.digest').text.trim()
    def client = HttpClient.newHttpClient()
    def manifest = { String tag ->
        def request = HttpRequest.newBuilder(registry.baseUri().resolve("/v2/acme/providers/it-provider/manifests/${tag}"))
                .header('Accept', 'application/vnd.oci.image.index.v1+json').build()
        def response = client.send(request, HttpResponse.BodyHandlers.ofByteArray())
        assert response.statusCode() == 200 : "tag ${tag}: HTTP ${response.statusCode()}"
        'sha256:' + MessageDigest.getInstance('SHA-256').digest(response.body()).encodeHex().toString()
    }
    assert manifest('1.0.0') == digest : 'the registry holds the local bytes'
    ['1.0', '1', 'latest'].each { assert manifest(it) == digest : "rolling tag ${it}" }

    def log = new File(basedir, 'build.log').text
    assert log.contains("Pushed provider it-provider@1.0.0 to ${registry.hostPort()}/acme/providers/it-provider:1.0.0 ${digest} (10 blob(s) uploaded")
    assert log.contains("Pushed provider it-provider@1.0.0 to ${registry.hostPort()}/acme/providers/it-provider:1.0.0 ${digest} (0 blob(s) uploaded, 0 B; 0 mounted; 10 already there) in ")
    assert log =~ /10 already there\) in \d+\.\d\d s/ : 'the summary says how long the push took'
    assert log.contains('Rolling tags moved: 1.0, 1, latest')

    def uploads = registry.log().readLines().count { it.contains('"POST /v2/acme/providers/it-provider/blobs/uploads/') }
    assert uploads == 10 : "uploads started by both runs together: ${uploads}"
} finally {
    ItRegistry.stop(basedir)
}
