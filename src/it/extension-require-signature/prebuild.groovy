import dev.scafctl.catalog.oci.Digest
import dev.scafctl.catalog.remote.*
import dev.scafctl.catalog.signing.*
import dev.scafctl.maven.it.ItKeys
import dev.scafctl.maven.it.ItLocks
import dev.scafctl.maven.it.ItRegistry

// echo 1.0.0 is published and signed with the release key; echo 1.1.0 is published unsigned.
ItLocks.registerExtension(basedir, extensionVersion)
def registry = ItRegistry.startPlain(basedir)
def release = ItKeys.newKeyPair(basedir, 'release')
ItKeys.newKeyPair(basedir, 'other')
def url = "http://${registry.hostPort()}/acme".toString()
def publisher = new File(basedir, 'target/publisher')
ItLocks.publishTo(url, publisher, new File(basedir, 'target'), 'echo', '1.0.0')
ItLocks.publishTo(url, publisher, new File(basedir, 'target'), 'echo', '1.1.0')
def catalog = RemoteCatalog.parse(null, url, false, null)
def client = new RegistryClient(catalog.registry(), CredentialSource.anonymous(), Transport.defaults())
def repository = 'acme/providers/echo'
def signed = client.fetchManifest(repository, '1.0.0').get().digest()
new RegistrySignatures(client, repository).signRecursively(signed,
        SigningKeyFile.read(release, Optional.empty(), { } as java.util.function.Consumer))
new File(basedir, 'target/signed.digest').text = signed.toString()
new File(basedir, 'target/unsigned.digest').text = client.fetchManifest(repository, '1.1.0').get().digest().toString()
ItRegistry.mavenConfig(basedir, ["-Dscafctl.catalog=${url}".toString()])
return true
