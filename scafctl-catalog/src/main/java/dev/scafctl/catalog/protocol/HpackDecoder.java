package dev.scafctl.catalog.protocol;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * Decodes HTTP/2 header blocks (HPACK, RFC 7541): static and dynamic table, Huffman strings. One decoder per
 * connection, fed every header block in the order they arrive.
 */
final class HpackDecoder {

    private static final String[][] STATIC_TABLE = {
        {":authority", ""}, {":method", "GET"}, {":method", "POST"}, {":path", "/"}, {":path", "/index.html"},
        {":scheme", "http"}, {":scheme", "https"}, {":status", "200"}, {":status", "204"}, {":status", "206"},
        {":status", "304"}, {":status", "400"}, {":status", "404"}, {":status", "500"}, {"accept-charset", ""},
        {"accept-encoding", "gzip, deflate"}, {"accept-language", ""}, {"accept-ranges", ""}, {"accept", ""},
        {"access-control-allow-origin", ""}, {"age", ""}, {"allow", ""}, {"authorization", ""},
        {"cache-control", ""}, {"content-disposition", ""}, {"content-encoding", ""}, {"content-language", ""},
        {"content-length", ""}, {"content-location", ""}, {"content-range", ""}, {"content-type", ""},
        {"cookie", ""}, {"date", ""}, {"etag", ""}, {"expect", ""}, {"expires", ""}, {"from", ""}, {"host", ""},
        {"if-match", ""}, {"if-modified-since", ""}, {"if-none-match", ""}, {"if-range", ""},
        {"if-unmodified-since", ""}, {"last-modified", ""}, {"link", ""}, {"location", ""}, {"max-forwards", ""},
        {"proxy-authenticate", ""}, {"proxy-authorization", ""}, {"range", ""}, {"referer", ""}, {"refresh", ""},
        {"retry-after", ""}, {"server", ""}, {"set-cookie", ""}, {"strict-transport-security", ""},
        {"transfer-encoding", ""}, {"user-agent", ""}, {"vary", ""}, {"via", ""}, {"www-authenticate", ""},
    };

    /** The default SETTINGS_HEADER_TABLE_SIZE, which this decoder announces and keeps. */
    static final int MAX_TABLE_SIZE = 4096;

    private final Deque<Map.Entry<String, String>> dynamicTable = new ArrayDeque<>();
    private int tableSize;
    private int maxTableSize = MAX_TABLE_SIZE;

    private byte[] block;
    private int position;

    List<Map.Entry<String, String>> decode(byte[] headerBlock) {
        block = headerBlock;
        position = 0;
        List<Map.Entry<String, String>> fields = new ArrayList<>();
        while (position < block.length) {
            int first = block[position] & 0xff;
            if ((first & 0x80) != 0) {
                fields.add(entry(readInteger(7)));
            } else if ((first & 0x40) != 0) {
                Map.Entry<String, String> field = literal(6);
                add(field);
                fields.add(field);
            } else if ((first & 0x20) != 0) {
                int size = readInteger(5);
                if (size > MAX_TABLE_SIZE) {
                    throw new ProtocolException("header table size " + size + " above the announced " + MAX_TABLE_SIZE);
                }
                maxTableSize = size;
                evict(0);
            } else {
                fields.add(literal(4));
            }
        }
        return fields;
    }

    private Map.Entry<String, String> literal(int prefixBits) {
        int index = readInteger(prefixBits);
        String name = index == 0 ? readString() : entry(index).getKey();
        return Map.entry(name, readString());
    }

    private Map.Entry<String, String> entry(int index) {
        if (index >= 1 && index <= STATIC_TABLE.length) {
            return Map.entry(STATIC_TABLE[index - 1][0], STATIC_TABLE[index - 1][1]);
        }
        int dynamicIndex = index - STATIC_TABLE.length - 1;
        if (index < 1 || dynamicIndex >= dynamicTable.size()) {
            throw new ProtocolException("header index " + index + " out of range");
        }
        return dynamicTable.stream().skip(dynamicIndex).findFirst().orElseThrow();
    }

    private void add(Map.Entry<String, String> field) {
        int size = field.getKey().length() + field.getValue().length() + 32;
        evict(size);
        if (size <= maxTableSize) {
            dynamicTable.addFirst(field);
            tableSize += size;
        }
    }

    private void evict(int room) {
        while (!dynamicTable.isEmpty() && tableSize + room > maxTableSize) {
            Map.Entry<String, String> oldest = dynamicTable.removeLast();
            tableSize -= oldest.getKey().length() + oldest.getValue().length() + 32;
        }
    }

    private int readInteger(int prefixBits) {
        int mask = (1 << prefixBits) - 1;
        int value = next() & mask;
        if (value < mask) {
            return value;
        }
        int shift = 0;
        int b;
        do {
            b = next();
            if (shift > 21) {
                throw new ProtocolException("header integer too large");
            }
            value += (b & 0x7f) << shift;
            shift += 7;
        } while ((b & 0x80) != 0);
        return value;
    }

    private String readString() {
        boolean huffman = (block[position] & 0x80) != 0;
        int length = readInteger(7);
        if (length > block.length - position) {
            throw new ProtocolException("header string runs past its block");
        }
        String text = huffman ? HuffmanCode.decode(block, position, length)
                : new String(block, position, length, StandardCharsets.ISO_8859_1);
        position += length;
        return text;
    }

    private int next() {
        if (position >= block.length) {
            throw new ProtocolException("header block ends inside a field");
        }
        return block[position++] & 0xff;
    }
}
