package dev.scafctl.catalog.signing;

import dev.scafctl.catalog.oci.CanonicalJson;
import dev.scafctl.catalog.oci.Descriptor;
import dev.scafctl.catalog.oci.Digest;
import dev.scafctl.catalog.oci.ImageManifest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The manifest cosign stores beside a signed manifest, tagged {@link #tagFor}: an OCI image manifest with one layer
 * per signature, each layer the payload blob ({@link SimpleSigningPayload#MEDIA_TYPE}) with the base64 signature in
 * its annotation {@link #SIGNATURE_ANNOTATION}, and the config go-containerregistry writes for such an image (empty
 * fields, a fixed zero time, one {@code diff_ids} entry and one history entry per layer).
 */
public record SignatureManifest(List<Descriptor> layers) {

    public static final String SIGNATURE_ANNOTATION = "dev.cosignproject.cosign/signature";
    public static final String CONFIG_MEDIA_TYPE = "application/vnd.oci.image.config.v1+json";
    private static final String ZERO_TIME = "0001-01-01T00:00:00Z";

    public SignatureManifest {
        layers = List.copyOf(layers);
    }

    /** {@code sha256-<hex>.sig}: where the signatures of {@code signed} are found in its repository. */
    public static String tagFor(Digest signed) {
        return dev.scafctl.catalog.oci.SignatureTag.of(signed);
    }

    /** The signature layers of a {@code .sig} manifest; layers of other media types are kept but not signatures. */
    public static SignatureManifest parse(byte[] json, String what) {
        return new SignatureManifest(ImageManifest.parse(json, what).layers());
    }

    /** The layer for a payload and its signature. */
    public static Descriptor layer(byte[] payload, byte[] signature) {
        return Descriptor.of(SimpleSigningPayload.MEDIA_TYPE, Digest.of(payload), payload.length)
                .withAnnotations(Map.of(SIGNATURE_ANNOTATION, java.util.Base64.getEncoder().encodeToString(signature)));
    }

    /**
     * This manifest with the layers of {@code other} it lacks: a layer counts as present when one of the same payload
     * digest carries the same signature, so copying signatures back and forth never stacks identical layers.
     */
    public SignatureManifest union(SignatureManifest other) {
        SignatureManifest merged = this;
        for (Descriptor layer : other.layers()) {
            if (!merged.holds(layer)) {
                merged = merged.with(layer);
            }
        }
        return merged;
    }

    /** Whether a layer with the payload and the signature of {@code layer} is here. */
    public boolean holds(Descriptor layer) {
        return layers.stream().anyMatch(l -> l.digest().equals(layer.digest()) && java.util.Objects.equals(
                l.annotation(SIGNATURE_ANNOTATION), layer.annotation(SIGNATURE_ANNOTATION)));
    }

    /** The decoded signature of a layer; empty (which verifies with no key) when its annotation is missing or no base64. */
    static byte[] signatureOf(Descriptor layer) {
        String encoded = layer.annotation(SIGNATURE_ANNOTATION);
        try {
            return encoded == null ? new byte[0] : java.util.Base64.getDecoder().decode(encoded.strip());
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }

    public SignatureManifest with(Descriptor layer) {
        List<Descriptor> more = new ArrayList<>(layers);
        more.add(layer);
        return new SignatureManifest(more);
    }

    public byte[] configJson() {
        List<String> diffIds = layers.stream().map(l -> l.digest().toString()).toList();
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("architecture", "");
        config.put("config", Map.of());
        config.put("created", ZERO_TIME);
        config.put("history", layers.stream().map(l -> Map.of("created", ZERO_TIME)).toList());
        config.put("os", "");
        config.put("rootfs", Map.of("type", "layers", "diff_ids", diffIds));
        return CanonicalJson.write(config);
    }

    public Descriptor config() {
        byte[] config = configJson();
        return Descriptor.of(CONFIG_MEDIA_TYPE, Digest.of(config), config.length);
    }

    public byte[] toJson() {
        return new ImageManifest(config(), layers, null).toJson();
    }
}
