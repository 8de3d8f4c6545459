package dev.scafctl.catalog;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/** The known word nearest to a mistyped one, for "did you mean …?" hints: at most two edits away, or none. */
public final class DidYouMean {

    private DidYouMean() {}

    public static Optional<String> nearest(String typed, Collection<String> known) {
        int limit = typed.length() <= 4 ? 1 : 2;
        return known.stream().filter(k -> !k.equals(typed) && distance(typed, k) <= limit)
                .min(Comparator.comparingInt((String k) -> distance(typed, k)).thenComparing(Comparator.naturalOrder()));
    }

    /** The Damerau–Levenshtein distance (with adjacent transpositions) between two words. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
