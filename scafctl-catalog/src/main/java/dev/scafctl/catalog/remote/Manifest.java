package dev.scafctl.catalog.remote;

import dev.scafctl.catalog.oci.Descriptor;
import dev.scafctl.catalog.oci.Digest;
import dev.scafctl.catalog.oci.MediaTypes;

/** A manifest or index as a registry serves it: its exact bytes, their digest and media type. */
public record Manifest(String mediaType, byte[] bytes, Digest digest) {

    public boolean isIndex() {
        return MediaTypes.isIndex(mediaType);
    }

    public Descriptor descriptor() {
        return Descriptor.of(mediaType, digest, bytes.length);
    }
}
