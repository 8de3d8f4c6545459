package dev.scafctl.catalog.remote;

import dev.scafctl.catalog.CatalogException;

/** A push would change what a published release's tag holds; releases are immutable unless the push is forced. */
public final class ReleaseChangedException extends CatalogException {

    private static final long serialVersionUID = 1L;

    private final String problem;

    ReleaseChangedException(String problem) {
        super(problem + " (use force to overwrite)");
        this.problem = problem;
    }

    /** The message with the caller's way of forcing the push. */
    public String messageWithHint(String forceHint) {
        return problem + " (" + forceHint + ")";
    }
}
