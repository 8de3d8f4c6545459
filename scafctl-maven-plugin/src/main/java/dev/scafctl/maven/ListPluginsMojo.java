package dev.scafctl.maven;

import dev.scafctl.catalog.ByteCount;
import dev.scafctl.catalog.DefaultLocations;
import dev.scafctl.catalog.oci.CanonicalJson;
import dev.scafctl.catalog.plugin.PluginCache;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Lists what the plugin cache holds, as {@code scafctl plugins list} does: a table, or {@code json} / {@code yaml}
 * for scripts ({@code -Dscafctl.output=json}).
 */
@Mojo(name = "list-plugins", requiresProject = false, threadSafe = true)
public class ListPluginsMojo extends AbstractScafctlMojo {

    /** {@code table} (default), {@code json} or {@code yaml}. */
    @Parameter(property = "scafctl.output", defaultValue = "table")
    private String output;

    /** The plugin cache; defaults to {@code $XDG_CACHE_HOME/scafctl/plugins}. */
    @Parameter(property = "scafctl.cacheDir")
    private File cacheDir;

    @Override
    protected void run() throws MojoFailureException {
        PluginCache cache = new PluginCache(cacheDir != null ? cacheDir.toPath() : DefaultLocations.ofCurrentUser().pluginCacheDir());
        List<PluginCache.Entry> entries = cache.list();
        switch (output) {
            case "table" -> table(cache, entries);
            case "json" -> getLog().info(new String(CanonicalJson.write(Map.of("plugins", rows(entries))), StandardCharsets.UTF_8));
            case "yaml" -> yaml(entries);
            default -> throw new MojoFailureException("Invalid <output> (scafctl.output): \"" + output
                    + "\"; use table, json or yaml");
        }
    }

    private void table(PluginCache cache, List<PluginCache.Entry> entries) {
        if (entries.isEmpty()) {
            getLog().info("The plugin cache " + cache.root() + " is empty");
            return;
        }
        String format = "%-30s %-12s %-14s %10s  %s";
        getLog().info(String.format(format, "NAME", "VERSION", "PLATFORM", "SIZE", "PATH"));
        for (PluginCache.Entry entry : entries) {
            getLog().info(String.format(format, entry.name(), entry.version(), entry.platform(), new ByteCount(entry.size()),
                    entry.file()));
        }
    }

    private void yaml(List<PluginCache.Entry> entries) {
        StringBuilder text = new StringBuilder(entries.isEmpty() ? "plugins: []\n" : "plugins:\n");
        for (PluginCache.Entry entry : entries) {
            text.append("  - name: ").append(entry.name()).append('\n')
                    .append("    version: \"").append(entry.version()).append("\"\n")
                    .append("    platform: ").append(entry.platform()).append('\n')
                    .append("    size: ").append(entry.size()).append('\n')
                    .append("    path: \"").append(entry.file()).append("\"\n");
        }
        getLog().info(text.toString().stripTrailing());
    }

    private static List<Map<String, Object>> rows(List<PluginCache.Entry> entries) {
        return entries.stream().map(entry -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", entry.name());
            row.put("version", entry.version());
            row.put("platform", entry.platform());
            row.put("size", entry.size());
            row.put("path", entry.file().toString());
            return row;
        }).toList();
    }
}
