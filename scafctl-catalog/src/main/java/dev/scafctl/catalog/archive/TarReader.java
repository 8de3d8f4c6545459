package dev.scafctl.catalog.archive;

import dev.scafctl.catalog.InvalidInputException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Reads a tar stream entry by entry, in the formats GNU tar, bsdtar, Go's {@code archive/tar}, Python's
 * {@code tarfile} and this project's {@link TarWriter} write: v7, POSIX ustar (a name prefix), PAX (path, linkpath and
 * size records) and GNU (its own {@code "ustar  "} magic, which has no prefix field, and long names and links).
 * It reports every entry's type, so callers can refuse links and devices, and fails on a truncated archive instead of
 * returning a short file.
 */
public final class TarReader {

    /** One entry: its name, type flag ({@code '0'} file, {@code '5'} folder, {@code '1'}/{@code '2'} links, …) and size. */
    public record Entry(String name, char type, long size, String linkTarget) {
        public boolean isFile() {
            return type == '0' || type == '\0' || type == '7';
        }

        /** A folder: {@code '5'}, or GNU's incremental {@code 'D'}, whose content (a listing) is skipped. */
        public boolean isDirectory() {
            return type == '5' || type == 'D';
        }
    }

    private final InputStream in;
    private final String what;
    private long remaining;
    private long padding;

    public TarReader(InputStream in, String what) {
        this.in = in;
        this.what = what;
    }

    /** The next entry, or empty at the end of the archive. */
    public Optional<Entry> next() throws IOException {
        skip(remaining + padding);
        remaining = 0;
        padding = 0;
        String longName = null;
        String longLink = null;
        String paxPath = null;
        String paxLink = null;
        long paxSize = -1;
        while (true) {
            byte[] header = readBlock();
            if (header == null || isZero(header)) {
                return Optional.empty();
            }
            verifyChecksum(header);
            char type = (char) header[156];
            long size = number(header, 124, 12);
            String name = paxPath != null ? paxPath : longName != null ? longName : name(header);
            if (type == 'L' || type == 'K' || type == 'x' || type == 'g') {
                byte[] data = readExactly(size);
                skip(pad(size));
                if (type == 'L') {
                    longName = cString(data);
                } else if (type == 'K') {
                    longLink = cString(data);
                } else if (type == 'x') {
                    for (java.util.Map.Entry<String, String> record : paxRecords(data).entrySet()) {
                        switch (record.getKey()) {
                            case "path" -> paxPath = record.getValue();
                            case "linkpath" -> paxLink = record.getValue();
                            case "size" -> paxSize = paxNumber(record.getValue());
                            default -> { }
                        }
                    }
                }
                continue;
            }
            if (paxSize >= 0) {
                size = paxSize;
            }
            String link = paxLink != null ? paxLink : longLink != null ? longLink : cString(slice(header, 157, 100));
            remaining = size;
            padding = pad(size);
            return Optional.of(new Entry(name, type, size, link));
        }
    }

    /**
     * The records of a PAX extended header: each is {@code "<length> <key>=<value>\n"}, where the length counts the
     * whole record, so a value may hold any byte, a newline among them.
     */
    private java.util.Map<String, String> paxRecords(byte[] data) {
        java.util.Map<String, String> records = new java.util.LinkedHashMap<>();
        int position = 0;
        while (position < data.length) {
            int space = position;
            while (space < data.length && data[space] != ' ') {
                space++;
            }
            int length;
            try {
                length = Integer.parseInt(new String(data, position, space - position, StandardCharsets.US_ASCII));
            } catch (NumberFormatException e) {
                throw new InvalidInputException(what + ": a PAX header record has no valid length");
            }
            int end = position + length;
            if (length <= space - position + 1 || end > data.length || data[end - 1] != '\n') {
                throw new InvalidInputException(what + ": a PAX header record of " + length + " bytes is malformed");
            }
            String record = new String(data, space + 1, end - 1 - (space + 1), StandardCharsets.UTF_8);
            int equals = record.indexOf('=');
            if (equals <= 0) {
                throw new InvalidInputException(what + ": a PAX header record has no key");
            }
            records.put(record.substring(0, equals), record.substring(equals + 1));
            position = end;
        }
        return records;
    }

    private long paxNumber(String text) {
        try {
            long value = Long.parseLong(text);
            if (value < 0) {
                throw new NumberFormatException(text);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new InvalidInputException(what + ": a PAX size record is \"" + text + "\", not a size");
        }
    }

    /** The content of the current entry; must be read fully or left alone. */
    public InputStream content() {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                if (remaining == 0) {
                    return -1;
                }
                int n = in.read(buffer, offset, (int) Math.min(length, remaining));
                if (n < 0) {
                    throw new EOFException(what + " is truncated");
                }
                remaining -= n;
                return n;
            }
        };
    }

    private byte[] readBlock() throws IOException {
        byte[] block = new byte[512];
        int read = in.readNBytes(block, 0, 512);
        if (read == 0) {
            return null;
        }
        if (read < 512) {
            throw new EOFException(what + " is truncated");
        }
        return block;
    }

    private byte[] readExactly(long size) throws IOException {
        if (size > 1 << 20) {
            throw new InvalidInputException(what + ": an extended header of " + size + " bytes is too large");
        }
        byte[] data = in.readNBytes((int) size);
        if (data.length < size) {
            throw new EOFException(what + " is truncated");
        }
        return data;
    }

    private void skip(long count) throws IOException {
        long left = count;
        while (left > 0) {
            long skipped = in.skip(left);
            if (skipped <= 0) {
                if (in.read() < 0) {
                    throw new EOFException(what + " is truncated");
                }
                skipped = 1;
            }
            left -= skipped;
        }
    }

    private void verifyChecksum(byte[] header) {
        long expected = number(header, 148, 8);
        long actual = 0;
        for (int i = 0; i < 512; i++) {
            actual += (i >= 148 && i < 156) ? ' ' : header[i] & 0xff;
        }
        if (expected != actual) {
            throw new InvalidInputException(what + " is not a tar archive (bad header checksum)");
        }
    }

    private static String name(byte[] header) {
        String name = cString(slice(header, 0, 100));
        // POSIX ustar has "ustar\0" and a prefix at 345; GNU's "ustar  \0" keeps access and change times there
        String prefix = new String(slice(header, 257, 6), StandardCharsets.US_ASCII).equals("ustar\0")
                ? cString(slice(header, 345, 155)) : "";
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    private static long number(byte[] header, int offset, int length) {
        if ((header[offset] & 0x80) != 0) {
            long value = 0;
            for (int i = offset + 1; i < offset + length; i++) {
                value = (value << 8) | (header[i] & 0xff);
            }
            return value;
        }
        String text = new String(header, offset, length, StandardCharsets.US_ASCII).replace('\0', ' ').strip();
        try {
            return text.isEmpty() ? 0 : Long.parseLong(text, 8);
        } catch (NumberFormatException e) {
            throw new InvalidInputException("not a tar archive (a header number is \"" + text + "\")");
        }
    }

    private static long pad(long size) {
        return (512 - size % 512) % 512;
    }

    private static byte[] slice(byte[] bytes, int offset, int length) {
        byte[] slice = new byte[length];
        System.arraycopy(bytes, offset, slice, 0, length);
        return slice;
    }

    private static String cString(byte[] bytes) {
        int end = 0;
        while (end < bytes.length && bytes[end] != 0) {
            end++;
        }
        return new String(bytes, 0, end, StandardCharsets.UTF_8);
    }

    private static boolean isZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }
}
