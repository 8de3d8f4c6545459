package dev.scafctl.catalog.oci;

/**
 * The media types of manifests, indexes and layouts this project reads or writes: OCI's, Docker's (which registries
 * and skopeo still serve) and the solution bundle's. The content and config types of each kind of artifact live on
 * {@code ArtifactKind}, beside the kind.
 */
public final class MediaTypes {

    public static final String IMAGE_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    public static final String IMAGE_INDEX = "application/vnd.oci.image.index.v1+json";
    public static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
    public static final String DOCKER_MANIFEST_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";

    /** Bytes of no particular type: a blob upload's body, a blob whose descriptor gives no type. */
    public static final String OCTET_STREAM = "application/octet-stream";

    /** The second layer of a bundled solution: the tar of the files it includes. */
    public static final String SOLUTION_BUNDLE = "application/vnd.scafctl.solution.bundle.v1+tar";

    private MediaTypes() {}

    /** Whether {@code mediaType} is a list of manifests: an OCI index or a Docker manifest list. */
    public static boolean isIndex(String mediaType) {
        return IMAGE_INDEX.equals(mediaType) || DOCKER_MANIFEST_LIST.equals(mediaType);
    }

    /** Whether {@code mediaType} is a single image manifest, OCI's or Docker's. */
    public static boolean isManifest(String mediaType) {
        return IMAGE_MANIFEST.equals(mediaType) || DOCKER_MANIFEST.equals(mediaType);
    }
}
