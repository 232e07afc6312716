package io.botfleet.runtime.config;

/**
 * A key of a configuration file that its component does not read.
 *
 * @param file    the file's name in {@code etc/}
 * @param key     the key as written
 * @param closest the known key it was most likely meant to be, or null
 */
public record UnknownKey(String file, String key, String closest) {

    /** What operators read, in the log and on the account: names the file, the key and the fix. */
    public String message() {
        return file + ": unknown key '" + key + "' (ignored)"
                + (closest == null ? "" : "; did you mean '" + closest + "'?");
    }
}
