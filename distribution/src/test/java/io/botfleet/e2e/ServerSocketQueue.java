package io.botfleet.e2e;

import static org.junit.Assume.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * What the kernel still holds to send on the server's side of a local TCP connection
 * ({@code tx_queue} of {@code /proc/net/tcp} or {@code tcp6}): more than zero while the peer does not read.
 * Lets a test prove that a client really stalled the server's writes, not just that it was slow.
 */
final class ServerSocketQueue {

    private ServerSocketQueue() {
    }

    /**
     * Waits until the server's send queue to {@code clientPort} is full: not empty and no longer
     * growing for a second while the server keeps producing. From then on every further write
     * to that client can only wait, so a server that writes with blocking I/O is stuck in it.
     *
     * @return the bytes queued
     */
    static long awaitFull(int serverPort, int clientPort, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long last = -1;
        int sameFor = 0;
        while (System.nanoTime() < deadline) {
            long now = unsentBytes(serverPort, clientPort);
            sameFor = now > 0 && now == last ? sameFor + 1 : 0;
            if (sameFor >= 4) {
                return now;
            }
            last = now;
            Thread.sleep(250);
        }
        throw new AssertionError("the send queue to port " + clientPort + " did not fill within " + timeout
                + " (last " + last + " bytes)");
    }

    /** Bytes queued for sending on the connection from {@code serverPort} to {@code clientPort}. */
    static long unsentBytes(int serverPort, int clientPort) throws IOException {
        assumeTrue("needs Linux's /proc/net/tcp", Files.isReadable(Path.of("/proc/net/tcp")));
        String local = String.format(Locale.ROOT, ":%04X", serverPort);
        String remote = String.format(Locale.ROOT, ":%04X", clientPort);
        // a dual-stack server socket lists IPv4 peers in tcp6, as ::ffff:127.0.0.1
        for (String name : new String[] {"/proc/net/tcp", "/proc/net/tcp6"}) {
            Path table = Path.of(name);
            if (!Files.isReadable(table)) {
                continue;
            }
            List<String> lines = Files.readAllLines(table);
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.trim().split("\\s+");
                if (f[1].endsWith(local) && f[2].endsWith(remote)) {
                    return Long.parseLong(f[4].substring(0, f[4].indexOf(':')), 16);
                }
            }
        }
        throw new AssertionError("no open connection from port " + serverPort + " to " + clientPort
                + " (did the server close it?)");
    }
}
