package dev.scafctl.catalog.oci;

import dev.scafctl.catalog.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** A content digest, always {@code sha256:<64 lowercase hex>} here, as OCI registries and scafctl use. */
public record Digest(String hex) {

    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

    public Digest {
        if (hex == null || !HEX.matcher(hex).matches()) {
            throw new InvalidInputException("invalid digest hex \"" + hex + "\": expected 64 lowercase hex characters");
        }
    }

    /** Parses {@code sha256:<64 hex>}. */
    public static Digest parse(String text) {
        if (text == null || !text.startsWith("sha256:") || !HEX.matcher(text.substring(7)).matches()) {
            throw new InvalidInputException("invalid digest \"" + text + "\": expected sha256:<64 lowercase hex>");
        }
        return new Digest(text.substring(7));
    }

    /** Parses {@code sha256:<64 hex>}, or {@code null} for anything else (a file name that is no digest, say). */
    public static Digest parseOrNull(String text) {
        return text != null && text.startsWith("sha256:") && HEX.matcher(text.substring(7)).matches()
                ? new Digest(text.substring(7)) : null;
    }

    public static Digest of(byte[] content) {
        MessageDigest sha = newSha256();
        return new Digest(HexFormat.of().formatHex(sha.digest(content)));
    }

    /** The digest of a file's content, read in a stream. */
    public static Digest of(Path file) throws IOException {
        MessageDigest sha = newSha256();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                sha.update(buffer, 0, n);
            }
        }
        return of(sha);
    }

    public static Digest of(MessageDigest finishedSha256) {
        return new Digest(HexFormat.of().formatHex(finishedSha256.digest()));
    }

    public static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    public String algorithm() {
        return "sha256";
    }

    /**
     * Written out, not left to the record, as in {@code ArtifactName}: the first comparison then links no
     * {@code java.lang.runtime.ObjectMethods} bootstrap (issue 20). Equal when the hex is.
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof Digest that && hex.equals(that.hex);
    }

    @Override
    public int hashCode() {
        return hex.hashCode();
    }

    @Override
    public String toString() {
        return "sha256:" + hex;
    }
}
