import dev.scafctl.maven.it.ItKeys
import dev.scafctl.maven.it.ItRegistry

try {
    def log = new File(basedir, 'build.log').text
    def fingerprint = ItKeys.fingerprint(new File(basedir, 'keys/release.pub').toPath())
    def unsigned = new File(basedir, 'target/scafctl/it-gated-1.1.0.digest').text.trim()

    assert log =~ /provider it-gated@1\.0\.0 linux\/amd64 from \S+ sha256:[0-9a-f]{64} \(installed, signed by ${fingerprint}\)/ :
            'the signed version is installed, saying by which key'
    assert log.contains("provider it-gated@1.1.0 (${unsigned}) has no valid signature by a trusted key") :
            'the unsigned version is refused, naming artifact and digest'
    assert log.contains("keys tried: ${fingerprint} (") : 'and the keys tried'
    def cached = []
    new File(basedir, 'target/cache').eachFileRecurse { if (it.isFile() && it.path.contains('1.1.0')) cached << it }
    assert cached.isEmpty() : "the refused binary reached the cache: ${cached}"
} finally {
    ItRegistry.stop(basedir)
}
