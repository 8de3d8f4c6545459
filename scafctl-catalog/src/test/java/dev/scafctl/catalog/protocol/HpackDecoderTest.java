package dev.scafctl.catalog.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** HPACK decoding with the request examples of RFC 7541, appendix C.4 (Huffman strings, dynamic table). */
class HpackDecoderTest {

    @Test
    void decodesHuffmanCodedRequestsAndIndexesThemForTheNextBlock() {
        HpackDecoder decoder = new HpackDecoder();

        assertEquals(List.of(Map.entry(":method", "GET"), Map.entry(":scheme", "http"), Map.entry(":path", "/"),
                Map.entry(":authority", "www.example.com")),
                decoder.decode(HexFormat.of().parseHex("828684418cf1e3c2e5f23a6ba0ab90f4ff")));
        assertEquals(List.of(Map.entry(":method", "GET"), Map.entry(":scheme", "http"), Map.entry(":path", "/"),
                Map.entry(":authority", "www.example.com"), Map.entry("cache-control", "no-cache")),
                decoder.decode(HexFormat.of().parseHex("828684be5886a8eb10649cbf")));
    }

    @Test
    void refusesAnIndexBeyondBothTables() {
        HpackDecoder decoder = new HpackDecoder();

        ProtocolException e = assertThrows(ProtocolException.class, () -> decoder.decode(new byte[] {(byte) 0xbe}));
        assertEquals("header index 62 out of range", e.getMessage());
    }

    @Test
    void refusesAStringRunningPastItsBlock() {
        assertThrows(ProtocolException.class, () -> new HpackDecoder().decode(HexFormat.of().parseHex("400a61")));
    }
}
