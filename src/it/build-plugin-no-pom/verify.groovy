import dev.scafctl.catalog.testing.GoPlugins
import groovy.json.JsonSlurper

// Run the goal by its full coordinates in a folder without a pom, with the plugin from the invoker's repository.
def plugin = (new File(basedir, 'pom.xml').text =~ /<scafctl.plugin>([^<]+)</)[0][1]
def cli = new File(basedir, 'cli')
// the linux/amd64 binary is a real go-plugin server, so the plugin check (on by default) runs it
GoPlugins.plugin(new File(cli, 'dist').toPath(), 'provider')
def mvn = new File(System.getProperty('maven.home'), 'bin/mvn').path
def repository = new File(localRepositoryPath.toString()).toURI()
def settings = new File(basedir, 'settings.xml')
settings.text = """<settings><profiles><profile><id>it</id><activation><activeByDefault>true</activeByDefault></activation>
<pluginRepositories><pluginRepository><id>local.central</id><url>${repository}</url></pluginRepository></pluginRepositories>
</profile></profiles></settings>"""
def maven = [mvn, '-B', '-s', settings.path, "-Dmaven.repo.local=${localRepositoryPath}"]
def command = maven + ["${plugin}:build-plugin",
               '-Dscafctl.catalogDir=catalog', '-Dscafctl.name=cli-provider', '-Dscafctl.artifactVersion=v0.3',
               // the usual name for the scafctl plugin's own version no longer sets the artifact's (a warning says so)
               '-Dscafctl.version=9.9.9', '-Dscafctl.platfrom=linux/amd64',
               '-Dscafctl.platforms=darwin/arm64=dist/cli-provider-darwin-arm64,linux/amd64=dist/scafctl-test-plugin.provider']
def process = new ProcessBuilder(command*.toString()).directory(cli).redirectErrorStream(true).start()
def output = process.inputStream.text
assert process.waitFor() == 0 : output
assert !new File(cli, 'pom.xml').exists()

def catalog = new File(cli, 'catalog')
def entry = new JsonSlurper().parse(new File(catalog, 'index.json')).manifests
        .find { it.annotations['org.opencontainers.image.ref.name'] == 'provider/cli-provider:0.3.0' }
assert entry != null : 'the version was normalized from v0.3 to 0.3.0'
def index = new JsonSlurper().parse(new File(catalog, 'blobs/sha256/' + entry.digest.substring(7)))
assert index.manifests.collect { it.platform.os + '/' + it.platform.architecture } == ['linux/amd64', 'darwin/arm64']
assert new File(cli, 'target/scafctl/cli-provider-0.3.0.digest').text.trim() == entry.digest
assert output.contains('Built provider cli-provider@0.3.0 (2 platform(s))') : output
assert output.contains('[WARNING] -Dscafctl.version does not set the artifact version (it is the usual name for the scafctl'
        + " plugin's own version); set -Dscafctl.artifactVersion or <version> in the goal's configuration") : output
assert output.contains('[WARNING] -Dscafctl.platfrom is not a scafctl property: no goal and not the lock extension read it;'
        + ' did you mean -Dscafctl.platform?') : output
assert !output.contains('-Dscafctl.version is not a scafctl property') : 'a known property, only not the artifact version'
assert output.contains('Plugin check: the linux/amd64 binary serves provider aws-s3, echo, http') : output
assert entry.annotations['dev.scafctl.provider.names'] == 'aws-s3,echo,http'

// Without a pom there is no artifactId to fall back on: the name must be given.
def noName = new ProcessBuilder((maven + ["${plugin}:build-plugin",
        '-Dscafctl.catalogDir=catalog2', '-Dscafctl.artifactVersion=1.0.0',
        '-Dscafctl.platforms=linux/amd64=dist/scafctl-test-plugin.provider'])*.toString()).directory(cli).redirectErrorStream(true).start()
def noNameOutput = noName.inputStream.text
assert noName.waitFor() != 0
assert noNameOutput.contains('Missing <name>: without a pom.xml, give it as -Dscafctl.name=...') : noNameOutput
