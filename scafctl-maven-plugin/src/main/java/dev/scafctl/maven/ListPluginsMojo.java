package dev.scafctl.maven;

import dev.scafctl.catalog.ByteCount;
import dev.scafctl.catalog.DefaultLocations;
import dev.scafctl.catalog.plugin.PluginCache;
import java.io.File;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Lists what the plugin cache holds, as {@code scafctl plugins list} does: a table, or {@code json} / {@code yaml}
 * for scripts ({@code -Dscafctl.format=json}, alone on standard output).
 */
@Mojo(name = "list-plugins", requiresProject = false, threadSafe = true)
public class ListPluginsMojo extends AbstractScafctlMojo {

    /**
     * How to show the result: {@code table} for people, or {@code json} / {@code yaml} for scripts. A document is
     * written alone to standard output (not through Maven's log; add {@code -q} to keep Maven's own lines off it),
     * or to {@code output} when that is set.
     */
    @Parameter(property = "scafctl.format", defaultValue = "table")
    private String format;

    /**
     * A file to write the table or document to, instead of the log or standard output. Until the next release a
     * format name here ({@code -Dscafctl.output=json}, the old spelling) is read as {@code format}, with a warning.
     */
    @Parameter(property = "scafctl.output")
    private String output;

    /**
     * The plugin cache to list (where {@code install-plugins} puts binaries); defaults to
     * {@code $XDG_CACHE_HOME/scafctl/plugins} ({@code ~/.cache/scafctl/plugins}).
     */
    @Parameter(property = "scafctl.cacheDir")
    private File cacheDir;

    @Override
    protected void run() throws MojoFailureException {
        GoalOutput shown = GoalOutput.of(format, output, baseDir(), getLog()::warn);
        PluginCache cache = new PluginCache(cacheDir != null ? cacheDir.toPath() : DefaultLocations.ofCurrentUser().pluginCacheDir());
        List<PluginCache.Entry> entries = cache.list();
        if (shown.isTable()) {
            shown.table(table(cache, entries), getLog()::info);
        } else {
            shown.document(Map.of("plugins", rows(entries)), System.out, getLog()::info);
        }
    }

    private static List<String> table(PluginCache cache, List<PluginCache.Entry> entries) {
        if (entries.isEmpty()) {
            return List.of("The plugin cache " + cache.root() + " is empty");
        }
        String format = "%-30s %-12s %-14s %10s  %s";
        List<String> lines = new ArrayList<>();
        lines.add(String.format(format, "NAME", "VERSION", "PLATFORM", "SIZE", "PATH"));
        for (PluginCache.Entry entry : entries) {
            lines.add(String.format(format, entry.name(), entry.version(), entry.platform(), new ByteCount(entry.size()),
                    entry.file()));
        }
        return lines;
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
