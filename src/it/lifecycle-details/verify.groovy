def log = new File(basedir, 'build.log').text
// 1: the parent has no solution.yaml: install-plugins skips it instead of failing
assert log.count('Skipping: no solution.yaml in lifecycle-parent (pom packaging)') == 3
assert log.contains('snap-provider@1.0.0-SNAPSHOT is a SNAPSHOT: stored as that pre-release and replaced by each build;'
        + ' constraints match it only when they name a pre-release (^1.0.0-0)')
assert log.contains('lock pins snap-provider@1.0.0-SNAPSHOT from local')
// 2: rebuilt in place without force, and pinned afresh
assert log.contains('Rebuilt (overwrote the earlier content) provider snap-provider@1.0.0-SNAPSHOT')
assert !log.contains('already exists in catalog')
def digestB = new File(basedir, 'snap-provider/target/scafctl/snap-provider-1.0.0-SNAPSHOT.digest').text.trim()
def lock = new File(basedir, 'app/.scafctl.lock.yaml').text
assert lock.contains("indexDigest: ${digestB}")
// 4: the extension re-resolved other to 1.5.0; install-plugins installed that pin and build-solution kept it
assert log.contains('scafctl lock [app]: updated .scafctl.lock.yaml: pinned other@1.5.0 from local')
assert log =~ /provider other@1\.5\.0 linux\/amd64 from local sha256:[0-9a-f]{64} \(installed, pinned\)/
assert log.contains('lock keeps other@1.5.0')
assert !log.contains('lock pins other@1.5.0') : 'build-solution resolved a second time'
assert lock.contains('version: 1.5.0')
// 5: list ran at the top only
assert log.count('KIND          NAME') == 1
assert log =~ /provider +other +1\.5\.0, 1\.0\.0/
