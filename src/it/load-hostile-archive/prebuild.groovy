import dev.scafctl.catalog.archive.TarWriter

def tar = new File(basedir, 'target/hostile.tar')
tar.parentFile.mkdirs()
tar.withOutputStream { out ->
    def writer = new TarWriter(out, 0)
    writer.file('oci-layout', '{"imageLayoutVersion":"1.0.0"}'.getBytes('UTF-8'))
    writer.file('../escaped', 'gotcha'.getBytes('UTF-8'))
    writer.file('index.json', '{"schemaVersion":2,"manifests":[]}'.getBytes('UTF-8'))
    writer.close()
}
return true
