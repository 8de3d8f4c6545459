package dev.scafctl.catalog.signing;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * The passphrase of an encrypted signing key and where it came from (a settings.xml server id, an environment
 * variable), so that an error can say where to fix it. Its text is never part of {@link #toString}.
 */
public final class Passphrase {

    private final char[] chars;
    private final String source;

    private Passphrase(char[] chars, String source) {
        this.chars = chars;
        this.source = source;
    }

    public static Passphrase of(String value, String source) {
        return new Passphrase(value.toCharArray(), source);
    }

    /** The first passphrase given, else none. */
    @SafeVarargs
    public static Optional<Passphrase> firstOf(Optional<Passphrase>... candidates) {
        return Arrays.stream(candidates).flatMap(Optional::stream).findFirst();
    }

    /** Where it came from, for messages. */
    public String source() {
        return source;
    }

    /** Its UTF-8 bytes, as scrypt takes them; the caller clears them after use. */
    byte[] utf8() {
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(chars));
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        if (encoded.hasArray()) {
            Arrays.fill(encoded.array(), (byte) 0);
        }
        return bytes;
    }

    /**
     * Whether this is {@code candidate}, compared in constant time: how code that hands a passphrase over (from
     * settings.xml, say) is tested without the text ever leaving this class.
     */
    public boolean matches(String candidate) {
        byte[] mine = utf8();
        byte[] theirs = candidate.getBytes(StandardCharsets.UTF_8);
        try {
            return java.security.MessageDigest.isEqual(mine, theirs);
        } finally {
            Arrays.fill(mine, (byte) 0);
        }
    }

    @Override
    public String toString() {
        return "the passphrase from " + source;
    }
}
