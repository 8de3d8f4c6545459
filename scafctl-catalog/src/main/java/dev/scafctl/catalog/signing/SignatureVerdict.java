package dev.scafctl.catalog.signing;

import dev.scafctl.catalog.oci.Digest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The signatures found for one digest and how each fared against a {@link Verifier}. A signature counts only when
 * its payload names exactly this digest ({@code critical.image.docker-manifest-digest}) and its bytes verify with a
 * trusted key over those payload bytes: a valid signature of another artifact, copied beside this one, does not.
 */
public record SignatureVerdict(Digest digest, List<SignatureStatus> signatures) {

    public SignatureVerdict {
        signatures = List.copyOf(signatures);
    }

    public static SignatureVerdict check(Digest digest, List<FoundSignature> found, Verifier verifier) {
        List<SignatureStatus> statuses = new ArrayList<>();
        for (FoundSignature signature : found) {
            Digest payloadDigest = signature.layer().digest();
            if (!SimpleSigningPayload.MEDIA_TYPE.equals(signature.layer().mediaType())) {
                statuses.add(new SignatureStatus(payloadDigest, Optional.empty(), "layer of media type "
                        + signature.layer().mediaType() + ", not a simple-signing payload"));
                continue;
            }
            SimpleSigningPayload payload;
            try {
                payload = SimpleSigningPayload.parse(signature.payload(), "payload " + payloadDigest);
            } catch (RuntimeException e) {
                statuses.add(new SignatureStatus(payloadDigest, Optional.empty(), e.getMessage()));
                continue;
            }
            if (!payload.digest().equals(digest)) {
                statuses.add(new SignatureStatus(payloadDigest, Optional.empty(), "its payload names "
                        + payload.digest() + ", not " + digest));
                continue;
            }
            Optional<KeyFingerprint> by = verifier.verify(signature.payload(), signature.signature());
            statuses.add(new SignatureStatus(payloadDigest, by, by.isPresent() ? "" : SignatureStatus.NO_TRUSTED_KEY));
        }
        return new SignatureVerdict(digest, statuses);
    }

    /** The first trusted key a valid signature is by. */
    public Optional<KeyFingerprint> signedBy() {
        return signatures.stream().flatMap(s -> s.verifiedBy().stream()).findFirst();
    }

    /** {@code no signature} or {@code 2 signature(s): …; …}, for an error. */
    public String describe() {
        return signatures.isEmpty() ? "no signature"
                : signatures.size() + " signature(s): " + String.join("; ", signatures.stream().map(SignatureStatus::describe).toList());
    }
}
