def log = new File(basedir, 'build.log').text
assert log.contains('provider echo: the lock pins 1.0.0, which does not satisfy ^2')
// the hint works as printed: step 2 runs exactly that command in that folder
assert log.contains("Update it with `mvn package -Dscafctl.lock.update=true` in ${basedir.absolutePath} (without"
        + ' -Dscafctl.lock.frozen=true)')
assert log.contains('scafctl lock [ext-constraint-edited]: updated .scafctl.lock.yaml: pinned echo@2.0.0 from local')
assert new File(basedir, '.scafctl.lock.yaml').text.contains('      version: 2.0.0\n')
