import dev.scafctl.maven.it.ItLocks
import dev.scafctl.maven.it.ItRegistry

// A registry holding echo 1.0.0, reachable only through the real tinyproxy, which requires a login: the lock
// extension (one shaded jar in Maven's core) resolves through it with the settings.xml proxy login.
ItLocks.registerExtension(basedir, extensionVersion)
def registry = ItRegistry.startPlain(basedir)
def proxy = ItRegistry.startTinyProxyWithLogin(basedir)
ItLocks.publishTo("http://${registry.hostPort()}/acme".toString(), new File(basedir, 'target/publisher'),
        new File(basedir, 'target'), 'echo', '1.0.0')
def settings = new File(basedir, 'target/global-settings.xml')
settings.text = """<settings><proxies><proxy>
  <id>corporate</id><active>true</active><protocol>http</protocol>
  <host>127.0.0.1</host><port>${proxy.port()}</port>
  <username>corp-user</username><password>${proxy.password()}</password>
  <nonProxyHosts>nexus.internal</nonProxyHosts>
</proxy></proxies></settings>"""
ItRegistry.mavenConfig(basedir, ['-gs', settings.path, "-Dscafctl.catalog=http://${registry.hostPort()}/acme".toString()])
return true
