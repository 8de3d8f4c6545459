import dev.scafctl.maven.it.ItKeys
import dev.scafctl.maven.it.ItRegistry

try {
    def log = new File(basedir, 'build.log').text
    def fingerprint = ItKeys.fingerprint(new File(basedir, 'keys/release.pub').toPath())

    assert log =~ /Kept the signatures of \d+ digest\(s\) of it-airgap@1\.0\.0 in the local catalog/ :
            'pull keeps the signature of the signed version'
    assert log =~ /signature: (index|manifest) +sha256:[0-9a-f]{64} verified, key ${fingerprint}/ :
            'inspect of the local artifact shows the kept signature, verified'
    assert log =~ /Pushed the signatures the local catalog keeps of \d+ digest\(s\)/ :
            'a push of the pulled artifact to another repository sends its signatures along'
    def registry = new File(basedir, '.mvn/maven.config').text.find(/registry=(\S+)/) { all, hostPort -> hostPort }
    def mirrored = new URL("http://${registry}/v2/mirror/providers/it-airgap/tags/list").text
    assert mirrored =~ /"sha256-[0-9a-f]{64}\.sig"/ : "the mirror holds the .sig tags: ${mirrored}"
    assert log =~ /Saved 2 artifact\(s\), \d+ signature manifest\(s\)/ : 'save carries the signatures'
    assert log =~ /Loaded 2 artifact\(s\), \d+ signature manifest\(s\)/ : 'load keeps them'
    assert log =~ /provider it-airgap@1\.0\.0 linux\/amd64 from local sha256:[0-9a-f]{64} \(installed, signed by ${fingerprint}\)/ :
            'offline, the signed version installs from the loaded catalog, verified by its kept signature'
    assert log =~ /provider it-airgap@2\.0\.0 \(sha256:[0-9a-f]{64}\) has no valid signature by a trusted key/ :
            'the unsigned version is refused on the air-gapped side'
    def gapped = new File(basedir, 'target/gapped/index.json').text
    assert gapped =~ /provider\/it-airgap:sha256-[0-9a-f]{64}\.sig/ : 'the loaded catalog holds the .sig entry'
    def cached = []
    new File(basedir, 'target/cache').eachFileRecurse { if (it.isFile() && it.path.contains('2.0.0')) cached << it }
    assert cached.isEmpty() : "the refused binary reached the cache: ${cached}"
} finally {
    ItRegistry.stop(basedir)
}
