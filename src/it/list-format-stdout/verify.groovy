import dev.scafctl.maven.it.ItMaven
import groovy.json.JsonSlurper

// Runs goals by their full coordinates in cli/ (no pom there) and keeps standard output apart from standard error:
// a document asked for with -Dscafctl.format is all that standard output holds.
def maven = ItMaven.of(basedir, localRepositoryPath)
def cli = new File(basedir, 'cli')
def run = { String goal, List<String> arguments ->
    def result = maven.run(cli, goal, ['-Dscafctl.catalogDir=catalog', '-Dscafctl.cacheDir=cache'] + arguments)
    [out: result.stdout(), err: result.stderr()]
}

// fmt@1.0.0 into cli/catalog, from cli/provider/pom.xml
maven.run(new File(cli, 'provider'), 'build-plugin', ['-q', '-Dscafctl.catalogDir=../catalog', '-Dscafctl.verifyPlugin=false',
        '-Dscafctl.platforms=linux/amd64=dist/fmt-linux-amd64,darwin/arm64=dist/fmt-darwin-arm64'])

// -q -Dscafctl.format=json: standard output is the JSON document and nothing else
def list = run('list', ['-q', '-Dscafctl.format=json'])
def listed = new JsonSlurper().parseText(list.out)
assert listed instanceof Map : list.out
assert list.out.trim().startsWith('{') && list.out.trim().endsWith('}') : list.out
assert list.out.contains('"name":"fmt"') && list.out.contains('"1.0.0"') : list.out

// without -q the document is still on standard output, whole, between Maven's own log lines
def loud = run('inspect', ['-Dscafctl.artifact=fmt@1.0.0', '-Dscafctl.format=json'])
def document = loud.out.readLines().find { it.startsWith('{') }
assert document != null : loud.out
def inspected = new JsonSlurper().parseText(document)
assert inspected.toString().contains('linux/amd64') && inspected.toString().contains('darwin/arm64') : document
assert !loud.out.readLines().any { it.startsWith('[INFO] {') } : 'not through the log: ' + loud.out

// YAML likewise; nothing but the document with -q
def yaml = run('inspect', ['-q', '-Dscafctl.artifact=fmt@1.0.0', '-Dscafctl.format=yaml'])
assert !yaml.out.contains('[INFO]') && !yaml.out.contains('[WARNING]') : yaml.out
assert yaml.out.readLines().any { it.startsWith('name:') || it.startsWith('"name":') } : yaml.out

// -Dscafctl.output names a file: the document goes there, standard output stays empty
def toFile = run('list', ['-q', '-Dscafctl.format=json', '-Dscafctl.output=target/list.json'])
assert toFile.out.trim().isEmpty() : toFile.out
assert new JsonSlurper().parse(new File(cli, 'target/list.json')) == listed

// the old spelling -Dscafctl.output=json still gives the format for one release, with a warning naming the new one
def old = run('list-plugins', ['-Dscafctl.output=json'])
assert old.out.contains('[WARNING] -Dscafctl.output=json (<output>json</output>) as a format is deprecated') : old.out
assert old.out.contains('use -Dscafctl.format=json') : old.out
assert new JsonSlurper().parseText(old.out.readLines().find { it.startsWith('{') }) == [plugins: []]

// save: -Dscafctl.artifacts and -Dscafctl.savePlatforms; the old -Dscafctl.artifact / -Dscafctl.platforms warn
def saved = run('save', ['-Dscafctl.artifacts=fmt@1.0.0', '-Dscafctl.savePlatforms=linux/amd64', '-Dscafctl.output=new.tar'])
assert !saved.out.contains('deprecated') : saved.out
def savedOld = run('save', ['-Dscafctl.artifact=fmt@1.0.0', '-Dscafctl.platforms=linux/amd64', '-Dscafctl.output=old.tar'])
assert savedOld.out.contains('[WARNING] -Dscafctl.artifact is deprecated here and goes in the next release: use -Dscafctl.artifacts (<artifacts>)') : savedOld.out
assert savedOld.out.contains('[WARNING] -Dscafctl.platforms is deprecated here and goes in the next release: use -Dscafctl.savePlatforms (<platforms>)') : savedOld.out
assert new File(cli, 'new.tar').bytes == new File(cli, 'old.tar').bytes : 'the old spellings mean the same'
def tarSize = new File(cli, 'new.tar').length()
def all = run('save', ['-Dscafctl.artifacts=fmt@1.0.0', '-Dscafctl.output=all.tar'])
assert new File(cli, 'all.tar').length() > tarSize : 'savePlatforms filtered out darwin/arm64'
return true
