def log = new File(basedir, 'build.log').text
assert log.contains('Built solution lib-a@1.0.0') && log.contains('Built solution lib-b@1.0.0')
assert log.contains('vendored lib-a@^1 -> .scafctl/vendor/lib-a@1.0.0.yaml')
assert log.contains('circular solution dependency: lib-a@1.1.0 -> lib-b@1.0.0 -> lib-a@1.0.0')
