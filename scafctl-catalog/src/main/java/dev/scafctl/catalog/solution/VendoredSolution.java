package dev.scafctl.catalog.solution;

import dev.scafctl.catalog.oci.Digest;

/** A catalog solution a solution depends on, copied into its bundle under {@code .scafctl/vendor/}. */
public record VendoredSolution(String ref, String name, String resolvedVersion, String constraint, Digest digest,
        String resolvedFrom, String vendoredAt) {}
