import dev.scafctl.maven.it.ItRegistry
import org.sonatype.plexus.components.cipher.DefaultPlexusCipher

// An enterprise network: a TLS registry with basic auth behind the real tinyproxy, which requires its own login.
// Both logins are in settings.xml, the proxy's password encrypted with a master password (mvn --encrypt-password).
def registry = ItRegistry.startTls(basedir)
def proxy = ItRegistry.startTinyProxyWithLogin(basedir)
def cipher = new DefaultPlexusCipher()
def master = 'it-master-' + UUID.randomUUID()
def security = new File(basedir, 'target/settings-security.xml')
security.text = "<settingsSecurity><master>${cipher.encryptAndDecorate(master, 'settings.security')}</master></settingsSecurity>"
def settings = new File(basedir, 'target/global-settings.xml')
settings.text = """<settings>
<servers><server>
  <id>${registry.hostPort()}</id><username>${registry.user()}</username><password>${registry.password()}</password>
</server></servers>
<proxies><proxy>
  <id>corporate</id><active>true</active><protocol>http</protocol>
  <host>127.0.0.1</host><port>${proxy.port()}</port>
  <username>corp-user</username><password>${cipher.encryptAndDecorate(proxy.password(), master)}</password>
  <nonProxyHosts>nexus.internal|*.corp.example</nonProxyHosts>
</proxy></proxies>
</settings>"""
ItRegistry.mavenConfig(basedir, [
        '-gs', settings.path,
        "-Dsettings.security=${security.path}".toString(),
        "-Dregistry=${registry.hostPort()}".toString(),
        "-Dscafctl.catalog=oci://${registry.hostPort()}/team".toString(),
        "-Dscafctl.caFile=${registry.caCertificate()}".toString()])
return true
