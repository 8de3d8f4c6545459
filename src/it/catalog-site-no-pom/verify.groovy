import dev.scafctl.catalog.testing.GoPlugins
import dev.scafctl.maven.it.ItMaven
import dev.scafctl.maven.it.ItRegistry

// Runs goals by their full coordinates in a folder without a pom, with the plugin from the invoker's repository.
def maven = ItMaven.of(basedir, localRepositoryPath)
def plugin = maven.plugin()
def cli = new File(basedir, 'cli')
def run = { String goal, List<String> arguments ->
    maven.run(cli, goal, ['-Dscafctl.catalogDir=catalog'] + arguments).output()
}

def registry = ItRegistry.get(basedir)
try {
    // 1.0.0 from placeholders, built without the plugin check; 1.1.0 from a real go-plugin binary, whose provider
    // names build-plugin records and the page shows
    run('build-plugin', ['-Dscafctl.name=site-provider', '-Dscafctl.artifactVersion=1.0.0', '-Dscafctl.verifyPlugin=false',
            '-Dscafctl.platforms=linux/amd64=dist/site-provider-linux-amd64,darwin/arm64=dist/site-provider-darwin-arm64'])
    GoPlugins.plugin(new File(cli, 'dist').toPath(), 'provider')
    run('build-plugin', ['-Dscafctl.name=site-provider', '-Dscafctl.artifactVersion=1.1.0',
            '-Dscafctl.platforms=linux/amd64=dist/scafctl-test-plugin.provider'])

    // the local catalog, into ./target/scafctl-site
    def local = run('catalog-site', [])
    def site = new File(cli, 'target/scafctl-site')
    ['index.html', 'site.css', 'site.js', 'catalog-data.js'].each { assert new File(site, it).isFile() : it }
    assert local.contains('Wrote the catalog site of local (1 artifact(s), 2 version(s)) to target/scafctl-site') : local
    assert local.contains("Open ${new File(site, 'index.html').toURI()}".replace('file:/', 'file:///')) : local
    def data = new File(site, 'catalog-data.js').text
    assert data.startsWith('window.SCAFCTL_CATALOG = {')
    assert data.contains('"name":"site-provider"') && data.indexOf('"version":"1.1.0"') < data.indexOf('"version":"1.0.0"')
    assert data.contains('"plugin":"' + plugin + '"')
    assert data.contains('"provides":["aws-s3","echo","http"]') : 'the names the plugin check recorded'
    assert !new File(cli, 'pom.xml').exists()

    // a registry, listed with its catalog and tags APIs, into a folder of our choice
    def catalog = "http://${registry.hostPort()}/acme"
    run('push', ["-Dscafctl.artifact=site-provider@1.1.0", "-Dscafctl.catalog=${catalog}".toString()])
    def remote = run('catalog-site', ["-Dscafctl.catalog=${catalog}".toString(), '-Dscafctl.output=remote-site'])
    assert remote.contains("(1 artifact(s), 1 version(s)) to remote-site") : remote
    def remoteData = new File(cli, 'remote-site/catalog-data.js').text
    assert remoteData.contains("\"pullFrom\":\"${catalog}\"") && remoteData.contains('"version":"1.1.0"')
    assert !remoteData.contains('"version":"1.0.0"') : 'only what the registry holds'
    assert !remoteData.contains('"note"')
    assert remoteData.contains('"provides":["aws-s3","echo","http"]')
} finally {
    ItRegistry.stop(basedir)
}
