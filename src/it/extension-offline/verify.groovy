def log = new File(basedir, 'build.log').text
assert log.contains('(installed, pinned)')
assert log.contains('(cache hit, pinned)') : 'the offline run'
assert log.count('scafctl lock [ext-offline]: lock .scafctl.lock.yaml holds (1 plugin(s))') == 2
