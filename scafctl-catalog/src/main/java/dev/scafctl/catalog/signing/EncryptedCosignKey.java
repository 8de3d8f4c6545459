package dev.scafctl.catalog.signing;

import dev.scafctl.catalog.InvalidInputException;
import dev.scafctl.catalog.oci.CanonicalJson;
import dev.scafctl.catalog.oci.JsonValue;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import org.bouncycastle.crypto.engines.XSalsa20Engine;
import org.bouncycastle.crypto.generators.SCrypt;
import org.bouncycastle.crypto.macs.Poly1305;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;

/**
 * The private key format {@code cosign generate-key-pair} writes (PEM type {@code ENCRYPTED SIGSTORE PRIVATE KEY},
 * formerly {@code ENCRYPTED COSIGN PRIVATE KEY}): a JSON object with the key derivation ({@code kdf}: scrypt with
 * {@code N}, {@code r}, {@code p} and a salt), the cipher ({@code cipher}: NaCl secretbox with its 24-byte nonce) and
 * the {@code ciphertext}, byte fields in standard base64. The plaintext is the PKCS#8 DER of the key. These are the
 * facts of secure-systems-lab/go-securesystemslib's {@code encrypted} package, which cosign uses.
 */
final class EncryptedCosignKey {

    static final String SIGSTORE_TYPE = "ENCRYPTED SIGSTORE PRIVATE KEY";
    static final String COSIGN_TYPE = "ENCRYPTED COSIGN PRIVATE KEY";

    private static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 24;
    private static final int TAG_BYTES = 16;
    /** The largest scrypt cost accepted (cosign writes 2^15 or 2^16; OWASP's 2^17), so a crafted file cannot exhaust memory. */
    private static final int MAX_N = 1 << 20;

    private EncryptedCosignKey() {}

    /** The PKCS#8 DER of the key; {@code what} names the file in errors (which never show key or passphrase). */
    static byte[] decrypt(byte[] json, Passphrase passphrase, String what) {
        JsonValue root = CanonicalJson.read(json, what);
        JsonValue kdf = root.path("kdf");
        JsonValue cipher = root.path("cipher");
        if (!"scrypt".equals(kdf.path("name").asString("")) || !"nacl/secretbox".equals(cipher.path("name").asString(""))) {
            throw new InvalidInputException(what + ": unsupported encryption (expected kdf scrypt and cipher nacl/secretbox,"
                    + " as cosign generate-key-pair writes)");
        }
        JsonValue params = kdf.path("params");
        long n = params.path("N").asLong();
        long r = params.path("r").asLong();
        long p = params.path("p").asLong();
        if (n < 2 || n > MAX_N || Long.bitCount(n) != 1 || r < 1 || r > 32 || p < 1 || p > 16) {
            throw new InvalidInputException(what + ": unsupported scrypt parameters N=" + n + " r=" + r + " p=" + p);
        }
        byte[] salt = base64(kdf.path("salt"), what, "kdf.salt");
        byte[] nonce = base64(cipher.path("nonce"), what, "cipher.nonce");
        byte[] box = base64(root.path("ciphertext"), what, "ciphertext");
        if (nonce.length != NONCE_BYTES || box.length < TAG_BYTES) {
            throw new InvalidInputException(what + ": damaged (nonce or ciphertext too short)");
        }
        byte[] secret = passphrase.utf8();
        byte[] key = SCrypt.generate(secret, salt, (int) n, (int) r, (int) p, KEY_BYTES);
        Arrays.fill(secret, (byte) 0);
        try {
            return open(box, nonce, key).orElseThrow(() -> new InvalidInputException(what + " cannot be decrypted with "
                    + passphrase + ": the passphrase is wrong, or the file is damaged"));
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /** NaCl secretbox open: XSalsa20 keystream, its first 32 bytes the Poly1305 key, the tag before the message. */
    private static java.util.Optional<byte[]> open(byte[] box, byte[] nonce, byte[] key) {
        XSalsa20Engine stream = new XSalsa20Engine();
        stream.init(false, new ParametersWithIV(new KeyParameter(key), nonce));
        byte[] macKey = new byte[KEY_BYTES];
        stream.processBytes(new byte[KEY_BYTES], 0, KEY_BYTES, macKey, 0);
        Poly1305 mac = new Poly1305();
        mac.init(new KeyParameter(macKey));
        mac.update(box, TAG_BYTES, box.length - TAG_BYTES);
        byte[] tag = new byte[TAG_BYTES];
        mac.doFinal(tag, 0);
        Arrays.fill(macKey, (byte) 0);
        if (!MessageDigest.isEqual(tag, Arrays.copyOf(box, TAG_BYTES))) {
            return java.util.Optional.empty();
        }
        byte[] plain = new byte[box.length - TAG_BYTES];
        stream.processBytes(box, TAG_BYTES, plain.length, plain, 0);
        return java.util.Optional.of(plain);
    }

    private static byte[] base64(JsonValue value, String what, String field) {
        try {
            return Base64.getDecoder().decode(value.asString(""));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(what + ": " + field + " is not base64");
        }
    }
}
