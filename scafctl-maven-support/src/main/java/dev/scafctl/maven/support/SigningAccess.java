package dev.scafctl.maven.support;

import dev.scafctl.catalog.CatalogException;
import dev.scafctl.catalog.InvalidInputException;
import dev.scafctl.catalog.signing.Passphrase;
import dev.scafctl.catalog.signing.SignaturePolicy;
import dev.scafctl.catalog.signing.TrustedKeys;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;

/**
 * Maven's side of signing: the passphrase of an encrypted signing key, from the password of the settings.xml
 * {@code <server>} named by {@code signingServerId} (decrypted by Maven, as registry passwords are) or from
 * {@value #PASSPHRASE_ENV}, never from the pom; and the trust policy ({@code requireSignature},
 * {@code trustedKeys}) of a project, which {@link MavenCatalogAccess} puts into the one catalog access the goals and
 * the lock extension share.
 */
public final class SigningAccess {

    /** The environment variable a CI job can hold the passphrase in instead of settings.xml. */
    public static final String PASSPHRASE_ENV = "SCAFCTL_SIGNING_PASSPHRASE";

    private SigningAccess() {}

    /** The passphrase: the settings.xml server's password when {@code serverId} is given, else the environment's. */
    public static Optional<Passphrase> passphrase(Settings settings, SettingsDecrypter decrypter, Optional<String> serverId,
            Map<String, String> environment) {
        if (serverId.isPresent()) {
            String id = serverId.get();
            Server server = settings.getServer(id);
            if (server == null) {
                throw new InvalidInputException("Invalid <signingServerId> (scafctl.signingServerId): settings.xml has no"
                        + " <server> with id \"" + id + "\"; add one whose <password> is the signing key's passphrase");
            }
            SettingsDecryptionResult decrypted = decrypter.decrypt(new DefaultSettingsDecryptionRequest(server));
            if (!decrypted.getProblems().isEmpty()) {
                throw new CatalogException("settings.xml server \"" + id + "\" (the signing key's passphrase): its password"
                        + " cannot be decrypted (" + String.join("; ", decrypted.getProblems().stream()
                                .map(SettingsProblem::getMessage).toList()) + "); fix ~/.m2/settings-security.xml or the"
                        + " encrypted password");
            }
            String password = decrypted.getServer().getPassword();
            if (password == null || password.isEmpty()) {
                throw new InvalidInputException("settings.xml server \"" + id + "\" (named by <signingServerId>) has no"
                        + " <password>; put the signing key's passphrase there");
            }
            return Optional.of(Passphrase.of(password, "settings.xml server \"" + id + "\""));
        }
        String value = environment.get(PASSPHRASE_ENV);
        return value == null || value.isEmpty() ? Optional.empty()
                : Optional.of(Passphrase.of(value, "the environment variable " + PASSPHRASE_ENV));
    }

    /** {@code requireSignature} and {@code trustedKeys} of these parameters; key files are read now. */
    public static SignaturePolicy policy(ScafctlParameters parameters) {
        boolean required = parameters.flag("requireSignature", "scafctl.requireSignature");
        java.util.List<Path> keys = parameters.paths("trustedKeys", "scafctl.trustedKeys");
        if (!required && keys.isEmpty()) {
            return SignaturePolicy.NONE;
        }
        return new SignaturePolicy(required, TrustedKeys.read(keys));
    }
}
