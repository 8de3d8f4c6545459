/**
 * Signatures in the format cosign and containers/image already write and check (cosign's
 * {@code specs/SIGNATURE_SPEC.md}): a simple-signing payload naming a manifest digest, signed with ECDSA P-256 over
 * SHA-256, stored in the artifact's own repository as a manifest tagged {@code sha256-<hex>.sig} with one layer per
 * signature. Keys are files ({@link SigningKeyFile}, {@link TrustedKeys}); {@link Signer} and {@link Verifier} are
 * the seams where keyless signing (Fulcio certificates, Rekor entries) would plug in.
 */
package dev.scafctl.catalog.signing;
