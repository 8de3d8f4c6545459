import dev.scafctl.catalog.local.LocalCatalog
import dev.scafctl.catalog.remote.*
import dev.scafctl.catalog.artifact.*
import dev.scafctl.maven.it.ItLocks
import dev.scafctl.maven.it.ItRegistry

// A registry holding echo 1.0.0; the build's own catalog is empty, so the extension resolves through the registry.
ItLocks.registerExtension(basedir, extensionVersion)
def registry = ItRegistry.startPlain(basedir)
def publisher = new File(basedir, 'target/publisher')
ItLocks.publish(publisher, new File(basedir, 'target'), 'echo', '1.0.0')
def clients = { r -> new RegistryClient(r, CredentialSource.anonymous(), Transport.defaults()) } as java.util.function.Function
new CatalogPusher(LocalCatalog.open(publisher.toPath()), clients, new BlobLocations(), TransferListener.NONE,
        { } as java.util.function.Consumer).push(new ArtifactReference(ArtifactKind.PROVIDER, ArtifactName.of('echo'),
        Version.parse('1.0.0')), RemoteCatalog.parse(null, "http://${registry.hostPort()}/acme", false, null),
        new CatalogPusher.Options(false))
// a newer matching version, pushed to the registry by the second run
ItLocks.publish(new File(basedir, 'target/newer'), new File(basedir, 'target'), 'echo', '1.5.0')
ItRegistry.mavenConfig(basedir, ["-Dscafctl.catalog=http://${registry.hostPort()}/acme".toString()])
return true
