package dev.scafctl.catalog.signing;

import dev.scafctl.catalog.InvalidInputException;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The first PEM block of a key file: its type ({@code PUBLIC KEY}, {@code PRIVATE KEY},
 * {@code ENCRYPTED SIGSTORE PRIVATE KEY} …) and its bytes. Errors name the file and the type, never the content.
 */
record PemBlock(String type, byte[] bytes) {

    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----\\s*([A-Za-z0-9+/=\\s]*?)-----END \\1-----");

    static PemBlock parse(String text, String what) {
        Matcher matcher = BLOCK.matcher(text);
        if (!matcher.find()) {
            throw new InvalidInputException(what + " is not a PEM file (no -----BEGIN …----- / -----END …----- block)");
        }
        try {
            return new PemBlock(matcher.group(1), Base64.getMimeDecoder().decode(matcher.group(2)));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(what + ": its " + matcher.group(1) + " block is not valid base64");
        }
    }
}
