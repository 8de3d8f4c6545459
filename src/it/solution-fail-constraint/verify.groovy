def log = new File(basedir, 'build.log').text
assert log.contains('solution.yaml:8:16: bundle.plugins[0].version is invalid: invalid version constraint "^^1"')
