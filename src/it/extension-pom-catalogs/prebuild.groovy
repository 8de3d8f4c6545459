import dev.scafctl.catalog.local.LocalCatalog
import dev.scafctl.catalog.remote.*
import dev.scafctl.catalog.artifact.*
import dev.scafctl.maven.it.ItLocks
import dev.scafctl.maven.it.ItRegistry

// A TLS registry with basic auth holds echo 1.0.0 under the prefix "team". The build's catalog is empty, and the
// company catalog is configured only in the pom's <catalogs> (with its caFile): the lock extension must resolve
// through it, from the same chain install-plugins uses.
ItLocks.registerExtension(basedir, extensionVersion)
def registry = ItRegistry.startTls(basedir)
def publisher = new File(basedir, 'target/publisher')
ItLocks.publish(publisher, new File(basedir, 'target'), 'echo', '1.0.0')
def login = { r -> Optional.of(new Credentials(registry.user(), registry.password(), 'test')) } as CredentialSource
def clients = { r -> new RegistryClient(r, login, Transport.defaults()) } as java.util.function.Function
new CatalogPusher(LocalCatalog.open(publisher.toPath()), clients, new BlobLocations(), TransferListener.NONE,
        { } as java.util.function.Consumer).push(new ArtifactReference(ArtifactKind.PROVIDER, ArtifactName.of('echo'),
        Version.parse('1.0.0')), RemoteCatalog.parse(null, "oci://${registry.hostPort()}/team", false,
        registry.caCertificate()), new CatalogPusher.Options(false))
def settings = new File(basedir, 'target/global-settings.xml')
settings.text = """<settings><servers><server>
  <id>${registry.hostPort()}</id>
  <username>${registry.user()}</username>
  <password>${registry.password()}</password>
</server></servers></settings>"""
ItRegistry.mavenConfig(basedir, ['-gs', settings.path, "-Dit.registry=${registry.hostPort()}".toString(),
        "-Dit.caFile=${registry.caCertificate()}".toString()])
return true
