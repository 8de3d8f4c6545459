package dev.scafctl.catalog.local;

import dev.scafctl.catalog.oci.Descriptor;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A second JVM writing into a catalog, for the tests that need more than one process: {@code tag DIR PREFIX N}
 * stores and tags N small blobs; {@code stall DIR} streams a blob, says "stalled" halfway and then blocks until
 * it is killed.
 */
public final class CatalogWriterProcess {

    private CatalogWriterProcess() {}

    public static void main(String[] args) throws Exception {
        LocalCatalog catalog = LocalCatalog.open(Path.of(args[1]));
        switch (args[0]) {
            case "tag" -> {
                String prefix = args[2];
                int count = Integer.parseInt(args[3]);
                for (int i = 0; i < count; i++) {
                    Descriptor blob = catalog.putBlob("application/octet-stream",
                            (prefix + i).getBytes(StandardCharsets.UTF_8));
                    catalog.tag("provider/" + prefix + ":" + i + ".0.0", blob);
                }
            }
            case "stall" -> catalog.putBlob("application/octet-stream", new StallingStream(), "a stalling stream");
            default -> throw new IllegalArgumentException(Arrays.toString(args));
        }
    }

    /** A megabyte of data, then a line on stdout, then no more data ever. */
    private static final class StallingStream extends InputStream {
        private int remaining = 1 << 20;

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (remaining == 0) {
                dev.scafctl.catalog.testing.Stall.untilKilled();
                return -1;
            }
            int n = Math.min(length, remaining);
            Arrays.fill(buffer, offset, offset + n, (byte) 'x');
            remaining -= n;
            return n;
        }
    }
}
