import dev.scafctl.catalog.BuildTimestamp
import dev.scafctl.catalog.artifact.*
import dev.scafctl.catalog.local.LocalCatalog
import dev.scafctl.catalog.plugin.*
import dev.scafctl.catalog.remote.*
import dev.scafctl.maven.it.ItRegistry

// Publish shared-provider 1.0.0, 1.1.0 and 2.0.0 to a fresh registry, as another team's pipeline would.
def registry = ItRegistry.startPlain(basedir)
def source = LocalCatalog.open(new File(basedir, 'target/source-catalog').toPath())
def catalog = RemoteCatalog.parse(null, "http://${registry.hostPort()}/acme", false, null)
def clients = { r -> new RegistryClient(r, CredentialSource.anonymous(), Transport.defaults()) } as java.util.function.Function
def pusher = new CatalogPusher(source, clients, new BlobLocations(), TransferListener.NONE, { } as java.util.function.Consumer)
['1.0.0', '1.1.0', '2.0.0'].each { version ->
    def binary = new File(basedir, "target/bin-${version}")
    binary.text = "#!/bin/sh\necho shared-provider ${version}\n"
    def request = new PluginBuildRequest(new ArtifactReference(ArtifactKind.PROVIDER, ArtifactName.of('shared-provider'),
            Version.parse(version)), PlatformBinary.parseAll(["linux/amd64=${binary}".toString(), "darwin/arm64=${binary}".toString()],
            basedir.toPath()), BuildTimestamp.EPOCH, false)
    def built = new PluginImageBuilder(source).build(request)
    pusher.push(built.reference(), catalog, new CatalogPusher.Options(false))
    new File(basedir, "target/expected-${version}.digest").text = built.index().digest().toString()
}
ItRegistry.mavenConfig(basedir, ["-Dregistry=${registry.hostPort()}".toString()])
return true
