package dev.scafctl.catalog.local;

import dev.scafctl.catalog.oci.Descriptor;

/** One tagged entry of a local catalog's {@code index.json}: a reference name and the manifest or index it names. */
public record CatalogEntry(String refName, Descriptor descriptor) {}
