package dev.scafctl.catalog.site;

import dev.scafctl.catalog.signing.SignatureVerdict;
import dev.scafctl.catalog.signing.Verifier;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the page says of a version's signatures: how many signatures its index (or manifest) carries, whether trusted
 * keys were given to check them ({@code trustedKeys} of the goal), and the fingerprints of the trusted keys that
 * verify. Without trusted keys a signature is only present: who made it is not known.
 */
public record SiteSignatures(int count, boolean checked, List<String> verifiedBy) {

    public static final SiteSignatures NONE = new SiteSignatures(0, false, List.of());

    public SiteSignatures {
        verifiedBy = List.copyOf(verifiedBy);
    }

    static SiteSignatures of(SignatureVerdict verdict, Verifier verifier) {
        List<String> keys = verdict.signatures().stream().flatMap(s -> s.verifiedBy().stream()).map(Object::toString)
                .distinct().toList();
        return new SiteSignatures(verdict.signatures().size(), !verifier.describe().isEmpty(), keys);
    }

    /** {@code unsigned}, {@code signed} (not checked), {@code verified} or {@code unverified}: the page's badge. */
    public String status() {
        if (count == 0) {
            return "unsigned";
        }
        if (!checked) {
            return "signed";
        }
        return verifiedBy.isEmpty() ? "unverified" : "verified";
    }

    Map<String, Object> toTree() {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("status", status());
        tree.put("count", count);
        tree.put("verifiedBy", verifiedBy);
        return tree;
    }
}
