package dev.scafctl.maven;

import dev.scafctl.catalog.ByteCount;
import dev.scafctl.catalog.local.LocalCatalog;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Deletes the blobs of the local catalog that no entry reaches any more, and stray temporary files, and says how
 * many bytes that freed. Blobs younger than {@code pruneGrace} stay, because a build running beside may have written
 * them and not yet tagged them.
 */
@Mojo(name = "prune", requiresProject = false, threadSafe = true)
public class PruneMojo extends AbstractScafctlMojo {

    /** How old an unreferenced blob must be to go: minutes, or an ISO-8601 duration ({@code PT1H}). */
    @Parameter(property = "scafctl.pruneGrace", defaultValue = "10")
    private String pruneGrace;

    @Override
    protected void run() throws MojoFailureException {
        Duration grace = grace();
        LocalCatalog local = localCatalog();
        LocalCatalog.Pruned pruned = local.prune(grace);
        getLog().info("Pruned " + pruned.blobs() + " blob(s) from " + local.root() + ", freed " + new ByteCount(pruned.bytes())
                + (pruned.keptAsRecent() == 0 ? "" : "; kept " + pruned.keptAsRecent() + " unreferenced blob(s) younger than "
                        + grace.toMinutes() + " min (-Dscafctl.pruneGrace=0 to remove them too)"));
    }

    private Duration grace() throws MojoFailureException {
        String text = pruneGrace.strip();
        try {
            return text.matches("\\d+") ? Duration.ofMinutes(Long.parseLong(text)) : Duration.parse(text);
        } catch (DateTimeParseException e) {
            throw new MojoFailureException("Invalid <pruneGrace> (scafctl.pruneGrace): \"" + pruneGrace
                    + "\"; give minutes or an ISO-8601 duration such as PT1H", e);
        }
    }
}
