package dev.scafctl.catalog.local;

/** What storing a version under its tag did to the catalog entry. */
public enum TagOutcome {
    /** The version was new to the catalog. */
    CREATED,
    /** The version existed with other content and was overwritten, as asked. */
    REPLACED,
    /** The version existed with exactly this content; nothing changed. */
    UNCHANGED
}
