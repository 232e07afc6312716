package io.botfleet.launcher;

/**
 * The launcher's few messages, on stderr with a fixed prefix so they stand out from bundle logs.
 * Deliberately not a logging API: the launcher runs before any logging bundle exists.
 */
final class Console {

    private Console() {
    }

    static void info(String message) {
        System.err.println("botfleet: " + message);
    }

    static void error(String message) {
        System.err.println("botfleet: ERROR " + message);
    }
}
