package dev.scafctl.catalog.protocol;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads the few protobuf fields the plugin check needs, straight from the wire format. */
final class Protobuf {

    private Protobuf() {}

    /** The values of the length-delimited field {@code number} (strings, bytes, messages) in wire order. */
    static List<byte[]> field(byte[] message, int number) {
        ByteBuffer in = ByteBuffer.wrap(message);
        List<byte[]> values = new ArrayList<>();
        while (in.hasRemaining()) {
            long key = varint(in);
            int wireType = (int) (key & 7);
            switch (wireType) {
                case 0 -> varint(in);
                case 1 -> skip(in, 8);
                case 2 -> {
                    byte[] value = new byte[checkedLength(in, varint(in))];
                    in.get(value);
                    if (key >>> 3 == number) {
                        values.add(value);
                    }
                }
                case 5 -> skip(in, 4);
                default -> throw new ProtocolException("protobuf wire type " + wireType + " is not allowed here");
            }
        }
        return values;
    }

    /** The strings of field {@code number}, which must be valid UTF-8. */
    static List<String> strings(byte[] message, int number) {
        List<String> strings = new ArrayList<>();
        for (byte[] value : field(message, number)) {
            try {
                strings.add(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(value)).toString());
            } catch (CharacterCodingException e) {
                throw new ProtocolException("field " + number + " holds a string that is not UTF-8");
            }
        }
        return strings;
    }

    private static long varint(ByteBuffer in) {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (!in.hasRemaining()) {
                throw new ProtocolException("protobuf message ends inside a number");
            }
            byte b = in.get();
            value |= (long) (b & 0x7f) << shift;
            if (b >= 0) {
                return value;
            }
        }
        throw new ProtocolException("protobuf number longer than 10 bytes");
    }

    private static void skip(ByteBuffer in, long length) {
        in.position(in.position() + checkedLength(in, length));
    }

    private static int checkedLength(ByteBuffer in, long length) {
        if (length < 0 || length > in.remaining()) {
            throw new ProtocolException("protobuf field runs past the end of its message");
        }
        return (int) length;
    }
}
