import dev.scafctl.catalog.testing.GoPlugins

// A real hashicorp/go-plugin binary, compiled with Debian's Go toolchain, as a provider and as an auth handler.
def dist = new File(basedir, 'dist').toPath()
GoPlugins.plugin(dist, 'provider')
GoPlugins.plugin(dist, 'auth-handler')
return true
