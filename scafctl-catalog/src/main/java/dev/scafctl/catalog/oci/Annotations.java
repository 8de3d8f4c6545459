package dev.scafctl.catalog.oci;

import java.util.SortedMap;

/** The annotation keys of the OCI image spec and of scafctl that this project reads and writes. */
public final class Annotations {

    public static final String REF_NAME = "org.opencontainers.image.ref.name";
    public static final String VERSION = "org.opencontainers.image.version";
    public static final String CREATED = "org.opencontainers.image.created";
    public static final String DESCRIPTION = "org.opencontainers.image.description";
    public static final String TITLE = "org.opencontainers.image.title";

    public static final String ARTIFACT_TYPE = "dev.scafctl.artifact.type";
    public static final String ARTIFACT_NAME = "dev.scafctl.artifact.name";
    public static final String PLUGIN_PLATFORM = "dev.scafctl.plugin.platform";
    public static final String PROVIDER_NAMES = "dev.scafctl.provider.names";
    public static final String AUTH_HANDLER_NAMES = "dev.scafctl.auth-handler.names";
    /** Where a local catalog's entry came from ({@code pulled from …}, {@code loaded from …}); never on the wire. */
    public static final String ARTIFACT_ORIGIN = "dev.scafctl.artifact.origin";

    public static final String SOLUTION_CATEGORY = "dev.scafctl.solution.category";
    public static final String SOLUTION_DISPLAY_NAME = "dev.scafctl.solution.displayName";
    public static final String SOLUTION_TAGS = "dev.scafctl.solution.tags";
    /** The plugins a solution needs, {@code kind/name@constraint} comma-joined. */
    public static final String SOLUTION_REQUIRES = "dev.scafctl.solution.requires";
    /**
     * What a solution's lock pins, {@code <kind>/<name>@<version>=<index digest>} comma-joined; {@code save} uses it
     * to carry the pinned plugins along with the solution.
     */
    public static final String SOLUTION_PINS = "dev.scafctl.solution.pins";

    private Annotations() {}

    /** The top-level annotations of a manifest or index, read from its bytes. */
    public static SortedMap<String, String> of(byte[] manifestOrIndex, String what) {
        return ImageManifest.annotationsOf(CanonicalJson.read(manifestOrIndex, what));
    }
}
