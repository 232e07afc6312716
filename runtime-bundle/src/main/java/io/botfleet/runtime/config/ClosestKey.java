package io.botfleet.runtime.config;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * The known configuration key an unknown one was most likely meant to be. A key that abbreviates
 * a known one (its letters in order, e.g. {@code wsUrl} in {@code wsPublicUrl}) beats one that is
 * merely a few edits away ({@code restUrl}): a shortened name is the commoner mistake. Otherwise
 * the fewest edits win, case ignored; nothing is suggested when every key is far off.
 */
final class ClosestKey {

    private ClosestKey() {
    }

    static Optional<String> among(String unknown, Collection<String> known) {
        String u = unknown.toLowerCase(Locale.ROOT);
        String best = null;
        int bestRank = Integer.MAX_VALUE;
        for (String candidate : known) {
            String k = candidate.toLowerCase(Locale.ROOT);
            int distance = editDistance(u, k);
            boolean abbreviates = Math.min(u.length(), k.length()) >= 3 && u.charAt(0) == k.charAt(0)
                    && (subsequence(u, k) || subsequence(k, u));
            int rank;
            if (abbreviates) {
                rank = distance;
            } else if (distance <= Math.max(2, k.length() / 3)) {
                rank = 1000 + distance;
            } else {
                continue;
            }
            if (rank < bestRank || (rank == bestRank && candidate.compareTo(best) < 0)) {
                best = candidate;
                bestRank = rank;
            }
        }
        return Optional.ofNullable(best);
    }

    /** True when the characters of {@code small} appear in {@code big} in order. */
    static boolean subsequence(String small, String big) {
        int i = 0;
        for (int j = 0; j < big.length() && i < small.length(); j++) {
            if (small.charAt(i) == big.charAt(j)) {
                i++;
            }
        }
        return i == small.length();
    }

    /** Levenshtein distance. */
    static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitute, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
