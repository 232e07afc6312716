package io.botfleet.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.Map;

/** Runs botfleetctl in the test's JVM with a given environment, capturing what it prints. */
final class Ctl {

    /** What one run did. */
    record Result(int status, String out, String err) {
        @Override
        public String toString() {
            return "exit " + status + "\n--- stdout ---\n" + out + "--- stderr ---\n" + err;
        }
    }

    private final Map<String, String> environment = new HashMap<>();

    Ctl env(String name, String value) {
        environment.put(name, value);
        return this;
    }

    Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = BotfleetCtl.run(args, Map.copyOf(environment), new PrintWriter(out), new PrintWriter(err));
        return new Result(status, out.toString(), err.toString());
    }
}
