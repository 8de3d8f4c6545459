def log = new File(basedir, 'build.log').text
assert log.contains('scafctl lock [solution-a]: produced .scafctl.lock.yaml: pinned echo@1.0.0 from local')
assert log.contains('scafctl lock [solution-b]: produced .scafctl.lock.yaml: pinned tool@2.1.3 from local')
assert new File(basedir, 'solution-a/.scafctl.lock.yaml').text.contains('name: echo')
assert new File(basedir, 'solution-b/.scafctl.lock.yaml').text.contains('name: tool')
assert !new File(basedir, 'plain/.scafctl.lock.yaml').exists() && !log.contains('scafctl lock [plain]')
assert !new File(basedir, '.scafctl.lock.yaml').exists()
