import dev.scafctl.maven.it.ItLocks

ItLocks.registerExtension(basedir, extensionVersion)
ItLocks.publish(new File(basedir, 'target/catalog'), new File(basedir, 'target'), 'echo', '1.0.0')
// the binary of a newer matching version, built by the second run
new File(basedir, 'target/newer').text = '#!/bin/sh\necho echo 1.5.0\n'
return true
