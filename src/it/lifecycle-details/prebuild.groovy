import dev.scafctl.maven.it.ItLocks

ItLocks.registerExtension(basedir, extensionVersion)
// other 1.0.0 is in the catalog before the first build; a later step adds 1.5.0
ItLocks.publish(new File(basedir, 'target/catalog'), new File(basedir, 'target'), 'other', '1.0.0')
return true
