import dev.scafctl.maven.it.ItRegistry

def registry = ItRegistry.get(basedir)
try {
    def log = new File(basedir, 'build.log').text
    def digest = new File(basedir, 'target/scafctl/secured-1.0.0.digest').text.trim()
    assert log.contains("Pushed provider secured@1.0.0 to ${registry.hostPort()}/team/providers/secured:1.0.0 ${digest}")
    assert log.contains("credentials of ${registry.user()} (from settings.xml server \"${registry.hostPort()}\")")
    assert log.contains('[DEBUG]') : 'the build ran with -X'

    def secret = registry.password()
    def basic = Base64.encoder.encodeToString("${registry.user()}:${secret}".getBytes('UTF-8'))
    assert !log.contains(secret) : 'the password is not in the log'
    assert !log.contains(basic) : 'nor its basic-auth form'
    assert registry.log() =~ /"PUT \/v2\/team\/providers\/secured\/manifests\/1\.0\.0 HTTP\/[0-9.]+" 201/
} finally {
    ItRegistry.stop(basedir)
}
