import dev.scafctl.maven.it.ItRegistry
import java.net.http.HttpRequest
import java.net.http.HttpResponse

try {
    def log = new File(basedir, 'build.log').text
    // 1: no lock: the extension leaves my-provider to the build, which makes it before my-solution uses it
    assert log.contains('scafctl lock [my-solution]: produced .scafctl.lock.yaml: my-provider@1.0.0 (built by module'
            + ' my-provider): pinned by build-solution once built')
    assert !log.contains('not found in any catalog')
    assert log =~ /provider my-provider@1\.0\.0 linux\/amd64 from local sha256:[0-9a-f]{64} \(installed\)/
    // 2, 3, 6: the committed lock holds, and a lock that holds is not written again
    assert log.count('scafctl lock [my-solution]: lock .scafctl.lock.yaml holds (1 plugin(s))') == 3
    assert log.count('Wrote .scafctl.lock.yaml') == 2 : 'written in steps 1 and 5 only'
    assert log.count('(installed, pinned)') == 3
    // 4: the bumped version fails in CI mode, naming both versions, before any module builds
    assert log.contains('provider my-provider: the lock pins 1.0.0, but module my-provider of this build makes 1.1.0')
    assert log.contains('`mvn package -Dscafctl.lock.update=true` in ')
    def bumpedBlobs = new File(basedir, 'target/bumped/catalog/blobs/sha256')
    assert !bumpedBlobs.exists() || bumpedBlobs.list().length == 0 : 'nothing was built'
    // 5: the developer build pinned what the reactor made
    def digest = new File(basedir, 'my-provider/target/scafctl/my-provider-1.1.0.digest').text.trim()
    def lock = new File(basedir, 'my-solution/.scafctl.lock.yaml').text
    assert lock.contains('version: 1.1.0') && lock.contains("indexDigest: ${digest}") && !lock.contains('1.0.0\n')
    // 6: deploy pushed what my-provider built (1.1.0), not the pom's version (1.0.0)
    def registry = ItRegistry.get(basedir)
    def tags = registry.httpClient().send(HttpRequest.newBuilder(registry.baseUri()
            .resolve('/v2/acme/providers/my-provider/tags/list')).build(), HttpResponse.BodyHandlers.ofString()).body()
    assert tags.contains('"1.1.0"') && !tags.contains('"1.0.0"') : tags
    assert log.contains("Pushed provider my-provider@1.1.0 to ${registry.hostPort()}/acme/providers/my-provider:1.1.0 ${digest}")
} finally {
    ItRegistry.stop(basedir)
}
return true
