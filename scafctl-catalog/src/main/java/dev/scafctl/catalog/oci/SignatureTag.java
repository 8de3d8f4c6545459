package dev.scafctl.catalog.oci;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * cosign's tag for the signatures of a manifest, {@code sha256-<hex>.sig}, beside the signed manifest in its
 * repository. The local catalog uses the same tag under the artifact's name ({@code provider/echo:sha256-<hex>.sig}),
 * so its listings, its prune and its archives tell signatures from versions and aliases the way a registry's do.
 */
public final class SignatureTag {

    private static final Pattern TAG = Pattern.compile("sha256-([0-9a-f]{64})\\.sig");

    private SignatureTag() {}

    /** {@code sha256-<hex>.sig}: where the signatures of {@code signed} are kept. */
    public static String of(Digest signed) {
        return "sha256-" + signed.hex() + ".sig";
    }

    /** The digest a tag (or a local ref name ending in {@code :<tag>}) holds the signatures of, if it is such a tag. */
    public static Optional<Digest> signedDigest(String tagOrRefName) {
        String tag = tagOrRefName.substring(tagOrRefName.lastIndexOf(':') + 1);
        Matcher matcher = TAG.matcher(tag);
        return matcher.matches() ? Optional.of(Digest.parse("sha256:" + matcher.group(1))) : Optional.empty();
    }

    public static boolean isSignatureTag(String tagOrRefName) {
        return signedDigest(tagOrRefName).isPresent();
    }
}
