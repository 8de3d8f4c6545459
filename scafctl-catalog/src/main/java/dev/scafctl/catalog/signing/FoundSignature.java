package dev.scafctl.catalog.signing;

import dev.scafctl.catalog.oci.Descriptor;

/**
 * One signature layer as read from a registry: the layer, its payload (checked against the layer digest) and the
 * decoded signature; {@code where} names the {@code .sig} tag it came from. A layer whose annotation is missing or
 * no base64 has an empty {@code signature}, which verifies with no key.
 */
public record FoundSignature(Descriptor layer, byte[] payload, byte[] signature, String where) {}
