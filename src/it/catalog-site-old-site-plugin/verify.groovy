def log = new File(basedir, 'build.log').text
assert log.contains('scafctl:catalog-site is a report for maven-site-plugin 3.20.0 or later (Doxia 2), but this build runs'
        + ' an older one; set <version>3.20.0</version> (or later) for org.apache.maven.plugins:maven-site-plugin in'
        + ' <pluginManagement>')
assert !log.contains('AbstractMethodError')
assert !log.contains('BUILD SUCCESS')
