def report = new File(basedir, 'target/site/scafctl-catalog.html')
assert report.isFile() : 'the report page'
assert report.text.contains('href="scafctl-catalog/index.html"') : report.text
assert report.text.contains('Catalog local: 1 artifact(s), 1 version(s).')
def site = new File(basedir, 'target/site/scafctl-catalog')
['index.html', 'site.css', 'site.js', 'catalog-data.js'].each { assert new File(site, it).isFile() : it }
def data = new File(site, 'catalog-data.js').text
assert data.contains('"name":"report-provider"') && data.contains('"version":"2.0.0"')
assert new File(basedir, 'build.log').text.contains('Wrote the catalog site of local (1 artifact(s), 1 version(s)) to ')
