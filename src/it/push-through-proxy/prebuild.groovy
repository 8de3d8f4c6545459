import dev.scafctl.maven.it.ItRegistry

// A corporate network: registry traffic must go through the settings.xml proxy (a real forward proxy on loopback).
def registry = ItRegistry.startPlain(basedir)
def proxy = ItRegistry.startProxy(basedir)
def settings = new File(basedir, 'target/global-settings.xml')
settings.parentFile.mkdirs()
settings.text = """<settings><proxies><proxy>
  <id>corporate</id><active>true</active><protocol>http</protocol>
  <host>127.0.0.1</host><port>${proxy.port()}</port><nonProxyHosts>nexus.internal|*.corp.example</nonProxyHosts>
</proxy></proxies></settings>"""
ItRegistry.mavenConfig(basedir, ['-gs', settings.path, "-Dscafctl.catalog=http://${registry.hostPort()}/acme".toString()])
return true
