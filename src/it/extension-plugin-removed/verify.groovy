def log = new File(basedir, 'build.log').text
assert log.contains('provider extra@3.0.0 is locked but no longer declared')
assert log.contains('scafctl lock [ext-plugin-removed]: updated .scafctl.lock.yaml: kept echo@1.0.0; dropped extra@3.0.0')
assert !new File(basedir, '.scafctl.lock.yaml').text.contains('extra')
