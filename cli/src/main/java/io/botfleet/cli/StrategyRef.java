package io.botfleet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** {@code <id>[@<version>]} as typed after {@code --strategy}. */
record StrategyRef(String id, String version) {

    static StrategyRef parse(String typed) {
        String text = typed == null ? "" : typed.strip();
        int at = text.indexOf('@');
        String id = at < 0 ? text : text.substring(0, at);
        String version = at < 0 ? null : text.substring(at + 1);
        if (!id.matches("[a-z0-9-]{1,64}") || (version != null && !version.matches("\\d+(\\.\\d+){0,2}(\\.[0-9A-Za-z_-]+)?"))) {
            throw new CtlException(CtlException.USAGE, "a strategy is <id>[@<version>] (e.g. sma-crossover@1.1.0),"
                    + " not '" + typed + "'");
        }
        return new StrategyRef(id, version);
    }

    /** The newest installed version of {@code id} not marked bad, from {@code GET /api/v1/strategies}. */
    static String newestGood(ApiClient api, String id) {
        List<String> good = new ArrayList<>();
        for (JsonNode strategy : api.get(ApiPaths.STRATEGIES).json()) {
            if (id.equals(strategy.path("id").asText())) {
                for (JsonNode version : strategy.path("versions")) {
                    if (!version.path("bad").asBoolean()) {
                        good.add(version.path("version").asText());
                    }
                }
            }
        }
        return good.stream().max(Comparator.comparing(OsgiVersion::parse))
                .orElseThrow(() -> new CtlException(CtlException.REFUSED, "no version of strategy " + id
                        + " is installed on the server (or every one is marked bad)"));
    }

    /** major.minor.micro.qualifier, ordered as OSGi orders versions. */
    record OsgiVersion(int major, int minor, int micro, String qualifier) implements Comparable<OsgiVersion> {

        static OsgiVersion parse(String text) {
            String[] parts = text.split("\\.", 4);
            return new OsgiVersion(number(parts, 0), number(parts, 1), number(parts, 2), parts.length > 3 ? parts[3] : "");
        }

        private static int number(String[] parts, int i) {
            try {
                return i < parts.length ? Integer.parseInt(parts[i]) : 0;
            } catch (NumberFormatException e) {
                return 0;
            }
        }

        @Override
        public int compareTo(OsgiVersion o) {
            return Comparator.comparingInt(OsgiVersion::major).thenComparingInt(OsgiVersion::minor)
                    .thenComparingInt(OsgiVersion::micro).thenComparing(OsgiVersion::qualifier).compare(this, o);
        }
    }
}
