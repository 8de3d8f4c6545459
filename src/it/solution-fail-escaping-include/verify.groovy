def log = new File(basedir, 'build.log').text
assert log.contains("solution.yaml:6:7: bundle.include[0] path escapes bundle root: ../pom.xml")
