def log = new File(basedir, 'build.log').text
def digest = new File(basedir, 'target/scafctl/everyday-1.1.0.digest').text.trim()
assert log.contains("\"digest\":\"${digest}\"") && log.contains('"platform":"linux/amd64"') : 'inspect as JSON'
assert log =~ /provider\s+everyday\s+1\.1\.0, 1\.0\.0/ : 'list, newest first'
assert log.contains('Deleted provider/everyday:1.0.0')
assert log.contains('Pruned 4 blob(s)') : 'the old index, manifest, config and binary'
assert log.contains('- "1.1.0"') || log.contains('- 1.1.0') : 'list as YAML'
def blobs = new File(basedir, 'target/catalog/blobs/sha256').list().length
assert blobs == 4 : "what 1.1.0 needs stays: ${blobs}"
