package dev.scafctl.catalog.inspect;

import dev.scafctl.catalog.oci.Digest;
import dev.scafctl.catalog.oci.MediaTypes;
import dev.scafctl.catalog.signing.SignatureStatus;
import dev.scafctl.catalog.signing.SignatureStore;
import dev.scafctl.catalog.signing.SignatureVerdict;
import dev.scafctl.catalog.signing.Verifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code inspect} shows of a version's signatures, in a registry or as the local catalog keeps them: for the index (or manifest) and each platform
 * manifest, every signature stored beside it and whether it verifies with the trusted keys; without trusted keys a
 * signature is listed as not checked.
 */
public record SignatureReport(List<Entry> entries, boolean checked) {

    /** The signatures of one digest: {@code what} is {@code index} or the platform. */
    public record Entry(String what, Digest digest, List<SignatureStatus> signatures) {}

    public SignatureReport {
        entries = List.copyOf(entries);
    }

    public static SignatureReport of(ArtifactDescription description, SignatureStore signatures, Verifier verifier) {
        List<Entry> entries = new ArrayList<>();
        Digest root = Digest.parse(description.digest());
        entries.add(new Entry(MediaTypes.isIndex(description.mediaType()) ? "index" : "manifest", root,
                SignatureVerdict.check(root, signatures.read(root), verifier).signatures()));
        for (ArtifactDescription.PlatformBinary platform : description.platforms()) {
            Digest manifest = Digest.parse(platform.manifest());
            if (!manifest.equals(root)) {
                entries.add(new Entry(platform.platform(), manifest,
                        SignatureVerdict.check(manifest, signatures.read(manifest), verifier).signatures()));
            }
        }
        return new SignatureReport(entries, !verifier.describe().isEmpty());
    }

    /** Whether any digest has a signature at all (the local catalog's inspect shows the report only then). */
    public boolean anySignature() {
        return entries.stream().anyMatch(entry -> !entry.signatures().isEmpty());
    }

    private String describe(SignatureStatus status) {
        return !checked && SignatureStatus.NO_TRUSTED_KEY.equals(status.problem())
                ? "present, not checked (no trustedKeys)" : status.describe();
    }

    /** Lines for people, after the description's. */
    public List<String> toText() {
        List<String> lines = new ArrayList<>();
        for (Entry entry : entries) {
            if (entry.signatures().isEmpty()) {
                lines.add(String.format("  signature: %-14s %s unsigned", entry.what(), entry.digest()));
            }
            for (SignatureStatus status : entry.signatures()) {
                lines.add(String.format("  signature: %-14s %s %s", entry.what(), entry.digest(), describe(status)));
            }
        }
        return lines;
    }

    /** The {@code signatures} member of the JSON / YAML document. */
    public List<Map<String, Object>> toTree() {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Entry entry : entries) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("of", entry.what());
            row.put("digest", entry.digest().toString());
            List<Map<String, Object>> signatures = new ArrayList<>();
            for (SignatureStatus status : entry.signatures()) {
                Map<String, Object> signature = new LinkedHashMap<>();
                signature.put("payload", status.payloadDigest().toString());
                signature.put("verified", status.verified());
                status.verifiedBy().ifPresent(k -> signature.put("key", k.toString()));
                if (!status.verified()) {
                    signature.put("problem", describe(status));
                }
                signatures.add(signature);
            }
            row.put("signatures", signatures);
            rows.add(row);
        }
        return rows;
    }
}
