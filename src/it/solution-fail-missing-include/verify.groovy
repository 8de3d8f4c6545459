def log = new File(basedir, 'build.log').text
assert log.contains("solution.yaml:6:7: bundle.include[0] file not found: templates/not-there.yaml")
assert !new File(basedir, 'target/catalog/index.json').exists() || !new File(basedir, 'target/catalog/index.json').text.contains('ref.name')
