def log = new File(basedir, 'build.log').text
def binary = new File(basedir, 'dist/scafctl-test-plugin.provider-with-auth-cookie').canonicalPath
assert log.contains("plugin check of the linux/amd64 binary ${binary}: it does not serve plugin.AuthHandlerService"
        + ' (gRPC status UNIMPLEMENTED: unknown service plugin.AuthHandlerService)')
assert log.contains('Fix the binary, or set -Dscafctl.verifyPlugin=false to build without the check')
assert !new File(basedir, 'target/catalog/index.json').exists() || !new File(basedir, 'target/catalog/index.json').text.contains('wrong-service')
assert ProcessHandle.allProcesses().noneMatch { it.info().command().orElse('').contains('scafctl-plugin-check-') }
