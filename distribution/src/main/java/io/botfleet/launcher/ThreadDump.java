package io.botfleet.launcher;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;

/**
 * Prints every thread's stack, like jstack, when the framework does not stop in time: the
 * thread stuck in a bundle's stop or a component's deactivate names the culprit.
 */
final class ThreadDump {

    private ThreadDump() {
    }

    static void print(PrintStream out) {
        for (ThreadInfo thread : ManagementFactory.getThreadMXBean().dumpAllThreads(true, true)) {
            out.print(format(thread));
        }
        out.flush();
    }

    /** ThreadInfo.toString() stops after 8 frames; a deactivate deep in SCR needs them all. */
    private static String format(ThreadInfo thread) {
        StringBuilder text = new StringBuilder();
        text.append('"').append(thread.getThreadName()).append("\" ").append(thread.getThreadState());
        if (thread.getLockName() != null) {
            text.append(" on ").append(thread.getLockName());
        }
        text.append('\n');
        for (StackTraceElement frame : thread.getStackTrace()) {
            text.append("\tat ").append(frame).append('\n');
        }
        return text.append('\n').toString();
    }
}
