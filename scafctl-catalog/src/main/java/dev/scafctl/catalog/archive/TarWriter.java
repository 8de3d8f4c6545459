package dev.scafctl.catalog.archive;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A ustar writer for reproducible archives: regular files only, mode 0644, owner 0:0, no owner names, and one fixed
 * modification time, so the same files give the same bytes. Names up to 255 bytes, split ustar-style.
 */
public final class TarWriter implements AutoCloseable {

    private static final int BLOCK = 512;

    private final OutputStream out;
    private final long modificationTime;

    public TarWriter(OutputStream out, long modificationTimeSeconds) {
        this.out = out;
        this.modificationTime = modificationTimeSeconds;
    }

    /** Writes a file entry of {@code size} bytes read from {@code content}; fails if it holds another size. */
    public void file(String name, long size, InputStream content) throws IOException {
        out.write(header(name, size));
        long copied = content.transferTo(out);
        if (copied != size) {
            throw new IOException("tar entry " + name + ": expected " + size + " bytes, read " + copied);
        }
        pad(size);
    }

    public void file(String name, byte[] content) throws IOException {
        file(name, content.length, new ByteArrayInputStream(content));
    }

    /** Writes the two zero blocks that end an archive; the stream stays open. */
    @Override
    public void close() throws IOException {
        out.write(new byte[BLOCK * 2]);
        out.flush();
    }

    private byte[] header(String name, long size) {
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        byte[] prefixBytes = new byte[0];
        if (nameBytes.length > 100) {
            // ustar splits long names at a '/' into a prefix (up to 155 bytes) and a name (up to 100)
            int split = name.lastIndexOf('/', Math.min(name.length() - 1, 155));
            while (split > 0 && name.substring(split + 1).getBytes(StandardCharsets.UTF_8).length > 100) {
                split = -1;
            }
            if (split <= 0 || name.substring(0, split).getBytes(StandardCharsets.UTF_8).length > 155) {
                throw new IllegalArgumentException("path too long for a tar entry (at most 255 bytes, split at a '/'): " + name);
            }
            prefixBytes = name.substring(0, split).getBytes(StandardCharsets.UTF_8);
            nameBytes = name.substring(split + 1).getBytes(StandardCharsets.UTF_8);
        }
        byte[] header = new byte[BLOCK];
        System.arraycopy(nameBytes, 0, header, 0, nameBytes.length);
        System.arraycopy(prefixBytes, 0, header, 345, prefixBytes.length);
        octal(header, 100, 8, 0644);
        octal(header, 108, 8, 0);
        octal(header, 116, 8, 0);
        octal(header, 124, 12, size);
        octal(header, 136, 12, modificationTime);
        Arrays.fill(header, 148, 156, (byte) ' ');
        header[156] = '0';
        System.arraycopy("ustar\0".getBytes(StandardCharsets.US_ASCII), 0, header, 257, 6);
        header[263] = '0';
        header[264] = '0';
        long checksum = 0;
        for (byte b : header) {
            checksum += b & 0xff;
        }
        octal(header, 148, 7, checksum);
        header[155] = ' ';
        return header;
    }

    private static void octal(byte[] header, int offset, int length, long value) {
        String digits = Long.toOctalString(value);
        int width = length - 1;
        String padded = "0".repeat(Math.max(0, width - digits.length())) + digits;
        byte[] bytes = padded.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(bytes, 0, header, offset, width);
        header[offset + width] = 0;
    }

    private void pad(long size) throws IOException {
        int remainder = (int) (size % BLOCK);
        if (remainder != 0) {
            out.write(new byte[BLOCK - remainder]);
        }
    }
}
