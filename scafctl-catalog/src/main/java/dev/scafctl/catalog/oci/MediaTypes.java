package dev.scafctl.catalog.oci;

/** The OCI media types of manifests and layouts. Artifact-specific types live on {@code ArtifactKind}. */
public final class MediaTypes {

    public static final String IMAGE_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    public static final String IMAGE_INDEX = "application/vnd.oci.image.index.v1+json";

    private MediaTypes() {}
}
