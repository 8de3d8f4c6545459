package dev.scafctl.catalog.site;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;

/**
 * The catalog page's scale benchmark, run by {@code bench/catalog-site}:
 * <ul>
 * <li>{@code fill WORK_DIR COUNT}: a real local catalog, {@code WORK_DIR/catalog}, of {@code COUNT} provider versions, {@code filler-<n % 100>}
 * at {@code 1.<n / 100>.0}, each recording a provider name {@code fill<n % 100>};</li>
 * <li>{@code made-up SITE_DIR COUNT}: a site of {@code COUNT} artifacts of one version each, made up in memory (the
 * most rows a catalog of that many versions can give);</li>
 * <li>{@code measure SITE_DIR RUNS QUERY}: opens the site in headless Chromium {@code RUNS} times and prints the page's
 * own timings (window.SCAFCTL_TIMINGS): load to ready, list rendering, filtering by kind and by {@code QUERY}, and
 * the detail view of the first artifact.</li>
 * </ul>
 */
public final class CatalogSiteBench {

    private CatalogSiteBench() {}

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "fill" -> SiteFixtures.many(Path.of(args[1]), Integer.parseInt(args[2]));
            case "made-up" -> CatalogSiteWriter.write(LargeCatalogs.site(Integer.parseInt(args[2]), 1), Path.of(args[1]));
            case "measure" -> measure(Path.of(args[1]), Integer.parseInt(args[2]), args[3]);
            default -> throw new IllegalArgumentException("fill, made-up or measure, not " + args[0]);
        }
    }

    @SuppressWarnings("unchecked")
    private static void measure(Path site, int runs, String query) throws Exception {
        Map<String, List<Double>> samples = new java.util.TreeMap<>();
        try (CatalogSiteBrowserTest.CatalogBrowser browser = CatalogSiteBrowserTest.CatalogBrowser.start()) {
            for (int run = 0; run < runs; run++) {
                browser.open(site.resolve("index.html"));
                int all = browser.rows().size();
                if (all == 0) {
                    throw new IllegalStateException(site + " lists no artifact");
                }
                browser.click("#kinds button[data-kind='provider']");
                browser.awaitRowCount((int) (long) (Long) browser.script(
                        "return document.querySelectorAll('#results li[data-kind=provider]').length"));
                browser.search(query);
                browser.await(d -> browser.timings().contains("\"query\":\"" + query + "\""));
                browser.search("");
                browser.click("#kinds button[data-kind='']");
                browser.awaitRowCount(all);
                browser.driver.findElement(By.cssSelector("#results li a")).click();
                browser.await(d -> !d.findElements(By.cssSelector("li.version")).isEmpty());
                browser.assertQuietAndOffline();
                Map<String, Object> timings = (Map<String, Object>) browser.script("return window.SCAFCTL_TIMINGS");
                add(samples, "load to ready (ms)", timings.get("ready"));
                add(samples, "list render, " + all + " rows (ms)", timings.get("render"));
                List<Map<String, Object>> filters = (List<Map<String, Object>>) timings.get("filters");
                for (Map<String, Object> filter : filters) {
                    add(samples, "filter kind=" + (filter.get("kind").toString().isEmpty() ? "all" : filter.get("kind"))
                            + " query=\"" + filter.get("query") + "\" -> " + filter.get("shown") + " rows (ms)", filter.get("ms"));
                }
                Map<String, Object> detail = ((List<Map<String, Object>>) timings.get("details")).get(0);
                add(samples, "detail view, " + detail.get("versions") + " versions (ms)", detail.get("ms"));
            }
        }
        System.out.printf("%s: %d runs in headless Chromium, median (min - max)%n", site, runs);
        samples.forEach((what, values) -> {
            List<Double> sorted = values.stream().sorted().toList();
            System.out.printf("  %-62s %8.1f  (%.1f - %.1f)%n", what, sorted.get(sorted.size() / 2), sorted.get(0),
                    sorted.get(sorted.size() - 1));
        });
    }

    private static void add(Map<String, List<Double>> samples, String what, Object value) {
        samples.computeIfAbsent(what, k -> new ArrayList<>()).add(((Number) value).doubleValue());
    }
}
