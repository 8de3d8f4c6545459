import dev.scafctl.maven.it.ItRegistry
import org.sonatype.plexus.components.cipher.DefaultPlexusCipher

// A TLS registry with basic auth; its password contains a ':'. The build finds it in a settings.xml <server>
// whose id is host:port, encrypted with a master password the way `mvn --encrypt-password` does it.
def registry = ItRegistry.startTls(basedir)
def cipher = new DefaultPlexusCipher()
def master = 'it-master-' + UUID.randomUUID()
def security = new File(basedir, 'target/settings-security.xml')
security.text = "<settingsSecurity><master>${cipher.encryptAndDecorate(master, 'settings.security')}</master></settingsSecurity>"
def settings = new File(basedir, 'target/global-settings.xml')
settings.text = """<settings><servers><server>
  <id>${registry.hostPort()}</id>
  <username>${registry.user()}</username>
  <password>${cipher.encryptAndDecorate(registry.password(), master)}</password>
</server></servers></settings>"""
ItRegistry.mavenConfig(basedir, [
        '-gs', settings.path,
        "-Dsettings.security=${security.path}".toString(),
        "-Dscafctl.catalog=oci://${registry.hostPort()}/team".toString(),
        "-Dscafctl.caFile=${registry.caCertificate()}".toString()])
return true
