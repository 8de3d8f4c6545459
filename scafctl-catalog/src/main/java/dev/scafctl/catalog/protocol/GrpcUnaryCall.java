package dev.scafctl.catalog.protocol;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One unary gRPC call over a fresh cleartext HTTP/2 connection with prior knowledge, as go-plugin's host makes
 * to a plugin. Just enough HTTP/2 (RFC 9113) for that: our SETTINGS and window, one request stream, and the
 * server's SETTINGS and PINGs acknowledged. The caller owns the channel and bounds the call's time by closing it.
 */
final class GrpcUnaryCall {

    /** The status, status message and response messages of a finished call. */
    record Result(int status, String message, List<byte[]> messages) {
        boolean ok() {
            return status == 0;
        }
    }

    private static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final int DATA = 0, HEADERS = 1, RST_STREAM = 3, SETTINGS = 4, PING = 6, GOAWAY = 7,
            WINDOW_UPDATE = 8, CONTINUATION = 9;
    private static final int END_STREAM = 0x1, ACK = 0x1, END_HEADERS = 0x4, PADDED = 0x8, PRIORITY = 0x20;
    private static final int STREAM = 1;
    private static final int MAX_FRAME = 16_384;
    private static final int WINDOW = 1 << 20;

    private final SocketChannel channel;
    private final DataInputStream in;
    private final HpackDecoder headers = new HpackDecoder();

    private GrpcUnaryCall(SocketChannel channel) {
        this.channel = channel;
        this.in = new DataInputStream(Channels.newInputStream(channel));
    }

    /** Calls {@code path} ({@code /package.Service/Method}) with one request message and reads the answer. */
    static Result call(SocketChannel channel, String authority, String path, byte[] request) throws IOException {
        return new GrpcUnaryCall(channel).run(authority, path, request);
    }

    private Result run(String authority, String path, byte[] request) throws IOException {
        ByteArrayOutputStream start = new ByteArrayOutputStream();
        start.writeBytes(PREFACE);
        // SETTINGS: no server push (0x2 = 0), a 1 MiB stream window (0x4); then the connection window to match
        start.writeBytes(frame(SETTINGS, 0, 0, ByteBuffer.allocate(12)
                .putShort((short) 0x2).putInt(0).putShort((short) 0x4).putInt(WINDOW).array()));
        start.writeBytes(frame(WINDOW_UPDATE, 0, 0, ByteBuffer.allocate(4).putInt(WINDOW - 65_535).array()));
        start.writeBytes(frame(HEADERS, END_HEADERS, STREAM, requestHeaders(authority, path)));
        start.writeBytes(frame(DATA, END_STREAM, STREAM, grpcMessage(request)));
        write(start.toByteArray());
        return readResponse();
    }

    private Result readResponse() throws IOException {
        Map<String, String> fields = new HashMap<>();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        ByteArrayOutputStream headerBlock = null;
        boolean endStream = false;
        while (true) {
            int length = readLength();
            int type = in.readUnsignedByte();
            int flags = in.readUnsignedByte();
            int stream = in.readInt() & 0x7fffffff;
            byte[] payload = in.readNBytes(length);
            if (payload.length < length) {
                throw new EOFException("connection closed inside a frame");
            }
            if (headerBlock != null && type != CONTINUATION) {
                throw new ProtocolException("header block interrupted by a frame of type " + type);
            }
            switch (type) {
                case DATA -> {
                    if (stream == STREAM) {
                        body.writeBytes(unpadded(payload, flags, false));
                        if (body.size() > WINDOW) {
                            throw new ProtocolException("response larger than " + WINDOW + " bytes");
                        }
                        endStream = (flags & END_STREAM) != 0;
                    }
                }
                case HEADERS, CONTINUATION -> {
                    if (headerBlock == null) {
                        headerBlock = new ByteArrayOutputStream();
                        endStream = stream == STREAM && (flags & END_STREAM) != 0;
                    }
                    headerBlock.writeBytes(type == HEADERS ? unpadded(payload, flags, true) : payload);
                    if ((flags & END_HEADERS) != 0) {
                        for (Map.Entry<String, String> field : headers.decode(headerBlock.toByteArray())) {
                            fields.put(field.getKey(), field.getValue());
                        }
                        headerBlock = null;
                    }
                }
                case SETTINGS -> {
                    if ((flags & ACK) == 0) {
                        write(frame(SETTINGS, ACK, 0, new byte[0]));
                    }
                }
                case PING -> {
                    if ((flags & ACK) == 0) {
                        write(frame(PING, ACK, 0, payload));
                    }
                }
                case RST_STREAM -> {
                    if (stream == STREAM) {
                        throw new ProtocolException("the plugin reset the call (HTTP/2 error code "
                                + ByteBuffer.wrap(payload).getInt() + ")");
                    }
                }
                case GOAWAY -> throw new ProtocolException("the plugin closed the connection (HTTP/2 GOAWAY, error code "
                        + ByteBuffer.wrap(payload, 4, 4).getInt() + ")");
                default -> {
                    // WINDOW_UPDATE, PRIORITY and unknown frame types need no answer
                }
            }
            if (endStream && headerBlock == null) {
                return result(fields, body.toByteArray());
            }
        }
    }

    private int readLength() throws IOException {
        int length = in.readUnsignedByte() << 16 | in.readUnsignedShort();
        if (length > MAX_FRAME) {
            throw new ProtocolException("HTTP/2 frame of " + length + " bytes, above the " + MAX_FRAME + " allowed");
        }
        return length;
    }

    private static Result result(Map<String, String> fields, byte[] body) {
        String status = fields.get("grpc-status");
        if (status == null) {
            throw new ProtocolException("the answer has no grpc-status (HTTP status " + fields.get(":status")
                    + ", content-type " + fields.get("content-type") + ")");
        }
        List<byte[]> messages = new ArrayList<>();
        ByteBuffer buffer = ByteBuffer.wrap(body);
        while (buffer.remaining() >= 5) {
            if (buffer.get() != 0) {
                throw new ProtocolException("compressed gRPC message, but none was asked for");
            }
            int length = buffer.getInt();
            if (length < 0 || length > buffer.remaining()) {
                throw new ProtocolException("truncated gRPC message");
            }
            byte[] message = new byte[length];
            buffer.get(message);
            messages.add(message);
        }
        if (buffer.hasRemaining()) {
            throw new ProtocolException("truncated gRPC message prefix");
        }
        try {
            return new Result(Integer.parseInt(status.trim()), fields.getOrDefault("grpc-message", ""), messages);
        } catch (NumberFormatException e) {
            throw new ProtocolException("grpc-status \"" + status + "\" is not a number");
        }
    }

    private static byte[] unpadded(byte[] payload, int flags, boolean headers) {
        int start = 0;
        int end = payload.length;
        if ((flags & PADDED) != 0) {
            if (payload.length == 0) {
                throw new ProtocolException("padded frame without its pad length");
            }
            start = 1;
            end -= payload[0] & 0xff;
        }
        if (headers && (flags & PRIORITY) != 0) {
            start += 5;
        }
        if (end < start) {
            throw new ProtocolException("frame padding longer than the frame");
        }
        return Arrays.copyOfRange(payload, start, end);
    }

    private static byte[] requestHeaders(String authority, String path) {
        ByteArrayOutputStream block = new ByteArrayOutputStream();
        String[][] fields = {{":method", "POST"}, {":scheme", "http"}, {":path", path}, {":authority", authority},
            {"content-type", "application/grpc"}, {"te", "trailers"}, {"user-agent", "scafctl-maven-plugin"}};
        for (String[] field : fields) {
            block.write(0); // literal header field without indexing, new name
            literal(block, field[0]);
            literal(block, field[1]);
        }
        return block.toByteArray();
    }

    /** An HPACK string literal without Huffman coding: 7-bit prefix length, then the octets. */
    private static void literal(ByteArrayOutputStream out, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        int length = bytes.length;
        if (length < 127) {
            out.write(length);
        } else {
            out.write(127);
            length -= 127;
            while (length >= 128) {
                out.write((length & 0x7f) | 0x80);
                length >>>= 7;
            }
            out.write(length);
        }
        out.writeBytes(bytes);
    }

    private static byte[] grpcMessage(byte[] message) {
        return ByteBuffer.allocate(5 + message.length).put((byte) 0).putInt(message.length).put(message).array();
    }

    private static byte[] frame(int type, int flags, int stream, byte[] payload) {
        return ByteBuffer.allocate(9 + payload.length)
                .put((byte) (payload.length >>> 16)).putShort((short) payload.length)
                .put((byte) type).put((byte) flags).putInt(stream).put(payload).array();
    }

    private void write(byte[] bytes) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }
}
