import dev.scafctl.catalog.testing.GoPlugins

GoPlugins.plugin(new File(basedir, 'dist').toPath(), 'provider-with-auth-cookie')
return true
