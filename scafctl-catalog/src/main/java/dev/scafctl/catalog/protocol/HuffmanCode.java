package dev.scafctl.catalog.protocol;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Decodes HPACK's static Huffman code (RFC 7541, section 5.2 and Appendix B). The code table is read from
 * {@code hpack-huffman.txt} into a binary decoding tree once.
 */
final class HuffmanCode {

    private static final int EOS = 256;
    private static final Node ROOT = readTable();

    private HuffmanCode() {}

    /** One branch point of the code tree; a leaf carries its symbol. */
    private static final class Node {
        final Node[] children = new Node[2];
        int symbol = -1;
    }

    static String decode(byte[] data, int offset, int length) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(length * 2);
        Node node = ROOT;
        int depth = 0;
        boolean allOnes = true;
        for (int i = offset; i < offset + length; i++) {
            for (int bit = 7; bit >= 0; bit--) {
                int b = (data[i] >> bit) & 1;
                node = node.children[b];
                depth++;
                allOnes &= b == 1;
                if (node == null) {
                    throw new ProtocolException("invalid Huffman code in a header");
                }
                if (node.symbol >= 0) {
                    if (node.symbol == EOS) {
                        throw new ProtocolException("Huffman EOS inside a header");
                    }
                    out.write(node.symbol);
                    node = ROOT;
                    depth = 0;
                    allOnes = true;
                }
            }
        }
        if (depth > 7 || !allOnes) {
            throw new ProtocolException("invalid Huffman padding in a header");
        }
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    private static Node readTable() {
        Node root = new Node();
        try (InputStream in = HuffmanCode.class.getResourceAsStream("hpack-huffman.txt")) {
            String table = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            for (String line : table.split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] fields = line.trim().split(" ");
                int symbol = Integer.parseInt(fields[0]);
                long code = Long.parseLong(fields[1], 16);
                int bits = Integer.parseInt(fields[2]);
                Node node = root;
                for (int bit = bits - 1; bit >= 0; bit--) {
                    int b = (int) (code >> bit) & 1;
                    if (node.children[b] == null) {
                        node.children[b] = new Node();
                    }
                    node = node.children[b];
                }
                node.symbol = symbol;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return root;
    }
}
