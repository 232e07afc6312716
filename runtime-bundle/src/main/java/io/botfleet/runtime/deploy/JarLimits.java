package io.botfleet.runtime.deploy;

/**
 * What a jar may cost before it is refused, so a hostile jar (a zip bomb) can neither fill the
 * memory nor the disk: its own size, the inflated size of each entry and of all entries, and how
 * much an entry may grow when inflated.
 *
 * @param maxJarBytes            the jar file itself (uploads and the {@code deploy/} folder)
 * @param maxEntryBytes          one entry, inflated
 * @param maxInflatedBytes       all entries together, inflated
 * @param maxCompressionRatio    inflated / compressed size of one entry, checked for entries
 *                               inflating to more than {@link #RATIO_FLOOR} bytes (small files of
 *                               repeated bytes compress far better than that, harmlessly)
 */
public record JarLimits(long maxJarBytes, long maxEntryBytes, long maxInflatedBytes, int maxCompressionRatio) {

    public static final long MIB = 1024L * 1024;
    /** Entries smaller than this are never refused for their ratio. */
    public static final long RATIO_FLOOR = MIB;
    public static final JarLimits DEFAULT = new JarLimits(20 * MIB, 32 * MIB, 128 * MIB, 100);

    public JarLimits {
        if (maxJarBytes <= 0 || maxEntryBytes <= 0 || maxInflatedBytes <= 0 || maxCompressionRatio <= 0) {
            throw new IllegalArgumentException("jar limits must be > 0");
        }
    }
}
