package dev.scafctl.catalog.lock;

/** A vendored catalog solution as the lock records it: scafctl's {@code dependencies} entry. */
public record LockedDependency(String ref, String resolvedVersion, String constraint, String digest, String resolvedFrom,
        String vendoredAt) {}
