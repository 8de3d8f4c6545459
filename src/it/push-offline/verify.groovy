def log = new File(basedir, 'build.log').text
assert log.contains('Built provider offline@1.0.0') : 'the local build still runs offline'
assert log.contains('scafctl:push needs the network, but Maven is offline (-o); run it without -o')
assert !log.contains('cannot reach registry') : 'no connection was attempted'
