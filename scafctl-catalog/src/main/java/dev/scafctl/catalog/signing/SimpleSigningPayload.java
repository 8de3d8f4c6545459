package dev.scafctl.catalog.signing;

import dev.scafctl.catalog.InvalidInputException;
import dev.scafctl.catalog.oci.CanonicalJson;
import dev.scafctl.catalog.oci.Digest;
import dev.scafctl.catalog.oci.JsonValue;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What is signed: containers/image's "simple signing" JSON as cosign writes it ({@code critical.identity},
 * {@code critical.image.docker-manifest-digest}, {@code critical.type}, {@code optional}). Written canonically (sorted
 * keys, compact), so the same digest and repository always give the same bytes, and a re-push recognises its own
 * signature. cosign ignores {@code docker-reference} when verifying; so does {@link #parse}: the digest is what binds.
 */
public record SimpleSigningPayload(String dockerReference, Digest digest) {

    public static final String MEDIA_TYPE = "application/vnd.dev.cosign.simplesigning.v1+json";
    public static final String TYPE = "cosign container image signature";

    public byte[] toJson() {
        Map<String, Object> critical = new LinkedHashMap<>();
        critical.put("identity", Map.of("docker-reference", dockerReference));
        critical.put("image", Map.of("docker-manifest-digest", digest.toString()));
        critical.put("type", TYPE);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("critical", critical);
        payload.put("optional", null);
        return CanonicalJson.write(payload);
    }

    /** Reads a payload someone signed; {@code what} names it in errors. */
    public static SimpleSigningPayload parse(byte[] json, String what) {
        JsonValue critical = CanonicalJson.read(json, what).path("critical");
        String type = critical.path("type").asString("");
        if (!TYPE.equals(type)) {
            throw new InvalidInputException(what + ": critical.type is \"" + type + "\", not \"" + TYPE + "\"");
        }
        Digest digest = Digest.parseOrNull(critical.path("image").path("docker-manifest-digest").asString(""));
        if (digest == null) {
            throw new InvalidInputException(what + ": critical.image.docker-manifest-digest is no sha256 digest");
        }
        return new SimpleSigningPayload(critical.path("identity").path("docker-reference").asString(""), digest);
    }
}
