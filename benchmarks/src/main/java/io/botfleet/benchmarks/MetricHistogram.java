package io.botfleet.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One Prometheus histogram of the server's {@code /metrics} text (its cumulative buckets), the
 * difference of two scrapes (what happened between them), and quantiles read from it.
 */
final class MetricHistogram {

    private final String name;
    private final double[] bounds;
    private final long[] cumulative;

    private MetricHistogram(String name, double[] bounds, long[] cumulative) {
        this.name = name;
        this.bounds = bounds;
        this.cumulative = cumulative;
    }

    /** The histogram {@code name} (without {@code _bucket}) of a {@code /metrics} answer. */
    static MetricHistogram scrape(String metrics, String name) {
        Matcher m = Pattern.compile(Pattern.quote(name) + "_bucket\\{le=\"([^\"]+)\"} (\\d+)").matcher(metrics);
        List<Double> bounds = new ArrayList<>();
        List<Long> counts = new ArrayList<>();
        while (m.find()) {
            bounds.add(m.group(1).equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(m.group(1)));
            counts.add(Long.parseLong(m.group(2)));
        }
        if (bounds.isEmpty()) {
            throw new IllegalStateException("no histogram " + name + " in /metrics");
        }
        return new MetricHistogram(name, bounds.stream().mapToDouble(Double::doubleValue).toArray(),
                counts.stream().mapToLong(Long::longValue).toArray());
    }

    /** What was recorded after {@code earlier} (a scrape of the same histogram) up to this one. */
    MetricHistogram since(MetricHistogram earlier) {
        long[] delta = new long[cumulative.length];
        for (int i = 0; i < delta.length; i++) {
            delta[i] = cumulative[i] - earlier.cumulative[i];
        }
        return new MetricHistogram(name, bounds, delta);
    }

    long count() {
        return cumulative[cumulative.length - 1];
    }

    /** The upper bound of the bucket that holds quantile {@code q} (seconds; infinite past the last bound). */
    double upperBound(double q) {
        return bounds[bucketOf(q)];
    }

    /**
     * Quantile {@code q} in seconds, interpolated linearly inside its bucket as Prometheus'
     * {@code histogram_quantile} does; the last finite bound when it falls in {@code +Inf}.
     */
    double quantile(double q) {
        int i = bucketOf(q);
        if (Double.isInfinite(bounds[i])) {
            return bounds[i - 1];
        }
        double lower = i == 0 ? 0 : bounds[i - 1];
        long below = i == 0 ? 0 : cumulative[i - 1];
        long inBucket = cumulative[i] - below;
        return lower + (bounds[i] - lower) * (q * count() - below) / Math.max(1, inBucket);
    }

    private int bucketOf(double q) {
        double rank = q * count();
        int i = 0;
        while (i < cumulative.length - 1 && cumulative[i] < rank) {
            i++;
        }
        return i;
    }

    @Override
    public String toString() {
        return String.format("%s: %,d, p50 %.2f ms, p99 %.2f ms (interpolated in buckets; p99 <= %s ms)", name,
                count(), quantile(0.5) * 1e3, quantile(0.99) * 1e3,
                Double.isInfinite(upperBound(0.99)) ? "inf" : String.format("%.1f", upperBound(0.99) * 1e3));
    }
}
