package io.botfleet.control.auth;

import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;

/** A logger that records every message with its arguments filled in, for asserting on logs. */
final class RecordingLogger {

    private RecordingLogger() {
    }

    static Logger of(List<String> lines) {
        return (Logger) Proxy.newProxyInstance(RecordingLogger.class.getClassLoader(), new Class<?>[] {Logger.class},
                (p, m, args) -> {
                    switch (m.getName()) {
                        case "trace", "debug", "info", "warn", "error" -> {
                            StringBuilder line = new StringBuilder(m.getName()).append(' ');
                            String format = String.valueOf(args[0]);
                            Object[] values = args.length == 2 && args[1] instanceof Object[] array ? array
                                    : Arrays.copyOfRange(args, 1, args.length);
                            int next = 0;
                            for (int i = 0; i < format.length(); i++) {
                                if (format.startsWith("{}", i) && next < values.length) {
                                    line.append(values[next++]);
                                    i++;
                                } else {
                                    line.append(format.charAt(i));
                                }
                            }
                            synchronized (lines) {
                                lines.add(line.toString());
                            }
                            return null;
                        }
                        case "getName" -> {
                            return "recording";
                        }
                        default -> {
                            return m.getReturnType() == boolean.class ? Boolean.TRUE : null;
                        }
                    }
                });
    }
}
