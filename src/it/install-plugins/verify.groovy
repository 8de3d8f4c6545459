import groovy.json.JsonSlurper
import java.security.MessageDigest

def sha256 = { File f -> 'sha256:' + MessageDigest.getInstance('SHA-256').digest(f.bytes).encodeHex().toString() }
def cached = new File(basedir, 'target/cache/it-tool/1.2.0/darwin-arm64/it-tool')
assert cached.isFile() && cached.canExecute()
assert sha256(cached) == sha256(new File(basedir, 'dist/it-tool-darwin-arm64')) : 'the darwin/arm64 binary, verified'

def report = new JsonSlurper().parse(new File(basedir, 'target/scafctl/plugins.json'))
assert report.platform == 'darwin/arm64'
assert report.plugins.size() == 1
assert report.plugins[0].name == 'it-tool' && report.plugins[0].version == '1.2.0' && report.plugins[0].catalog == 'local'
assert report.plugins[0].path == cached.path
assert report.plugins[0].digest == sha256(cached)

assert new File(basedir, 'target/paths/paths.txt').text.trim() == "it-tool is at ${cached.path} (1.2.0)"

def log = new File(basedir, 'build.log').text
assert log.contains("provider it-tool@1.2.0 darwin/arm64 from local ${sha256(cached)} (installed) -> ${cached.path}")
assert log.contains("provider it-tool@1.2.0 darwin/arm64 from local ${sha256(cached)} (cache hit) -> ${cached.path}") : 'the offline run'
assert log.contains('"name":"it-tool"') && log.contains('"platform":"darwin/arm64"') : 'list-plugins -Dscafctl.format=json'
assert log =~ /Installed 1 plugin\(s\) for darwin\/arm64 into .* in \d+\.\d\d s; see / : 'the summary says how long it took'
