import dev.scafctl.maven.it.ItRegistry

try {
    def log = new File(basedir, 'build.log').text
    def registry = ItRegistry.get(basedir)
    assert log.contains('scafctl lock [ext-pom-catalogs]: produced .scafctl.lock.yaml: pinned echo@1.0.0 from company')
    assert log.contains('scafctl lock [ext-pom-catalogs]: lock .scafctl.lock.yaml holds (1 plugin(s))')
    def lock = new File(basedir, '.scafctl.lock.yaml').text
    assert lock.contains('resolvedFrom: company')

    // the extension and install-plugins name the same chain, with the company catalog's CA file
    def extensionChains = (log =~ /scafctl lock \[ext-pom-catalogs\]: catalog chain: (.*)/).collect { it[1].trim() }
    def goalChains = (log =~ /\[INFO\] Catalog chain: (.*)/).collect { it[1].trim() }
    assert extensionChains.size() == 2 && goalChains.size() == 2
    assert extensionChains.toSet() == goalChains.toSet() && goalChains.toSet().size() == 1
    assert goalChains[0].contains("company (oci://${registry.hostPort()}/team, CA file ${registry.caCertificate()})")
    assert log =~ /provider echo@1\.0\.0 linux\/amd64 from company sha256:[0-9a-f]{64} \(installed, pinned\)/
    // the registry password is in settings.xml only, never in the log, even at -X
    assert !log.contains(registry.password())
} finally {
    ItRegistry.stop(basedir)
}
return true
