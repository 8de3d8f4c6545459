import dev.scafctl.maven.it.ItKeys
import dev.scafctl.maven.it.ItRegistry

try {
    def log = new File(basedir, 'build.log').text
    def release = ItKeys.fingerprint(new File(basedir, 'keys/release.pub').toPath())
    def other = ItKeys.fingerprint(new File(basedir, 'keys/other.pub').toPath())
    def signed = new File(basedir, 'target/signed.digest').text
    def unsigned = new File(basedir, 'target/unsigned.digest').text
    def lock = new File(basedir, '.scafctl.lock.yaml').text

    assert log.contains('scafctl lock [ext-require-signature]: produced .scafctl.lock.yaml: pinned echo@1.0.0')
    assert lock.contains("indexDigest: ${signed}\n      signedBy: ${release}\n") : lock
    assert log.contains('scafctl lock [ext-require-signature]: lock .scafctl.lock.yaml holds (1 plugin(s))')
    assert log.contains("echo@1.0.0: the lock records signedBy ${release}, but its signatures in catalog") &&
            log.contains('now verify with no trusted key') : 'a frozen build fails when the signer changes'
    assert log.contains("provider echo@1.1.0 (${unsigned}) has no valid signature by a trusted key") &&
            log.contains("keys tried: ${release} (") : 'the unsigned version is refused by the extension'
    assert !lock.contains('1.1.0') : 'the refused version was not locked'
} finally {
    ItRegistry.stop(basedir)
}
return true
