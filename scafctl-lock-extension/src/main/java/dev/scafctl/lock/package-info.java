/**
 * The scafctl lock extension: a Maven core extension, registered in {@code .mvn/extensions.xml}, that replays
 * {@code .scafctl.lock.yaml} before the build resolves plugins from the catalog chain. It shares the catalog
 * core with the Maven plugin. The participant itself arrives with the lock file; this module reserves its
 * coordinates and wiring in the build.
 */
package dev.scafctl.lock;
