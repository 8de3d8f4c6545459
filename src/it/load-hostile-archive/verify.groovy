def log = new File(basedir, 'build.log').text
assert log.contains('entry "../escaped" leaves the archive\'s folder; refused, nothing was loaded')
assert !new File(basedir, 'target/escaped').exists()
def index = new File(basedir, 'target/catalog/index.json')
assert !index.exists() || !index.text.contains('ref.name') : 'the catalog holds nothing'
