package io.botfleet.launcher;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * One server per home. Before the framework exists (whose start wipes {@code data/felix-cache},
 * the running server's bundle cache), the launcher locks {@code data/server.lock} for as long as
 * the process lives; a second server on the same home is refused, naming the first (its pid and
 * start, written into the file). The operating system releases the lock when the holder dies,
 * however it dies, so a killed server never blocks the next one. (The database's own ownership
 * lock, in the persistence bundle, is what guards a database shared by two homes.)
 */
final class HomeLock {

    static final String FILE = "server.lock";

    /** Held, never released: the lock lives as long as this channel, i.e. the process. */
    private static FileChannel channel;

    private HomeLock() {
    }

    static synchronized void acquire(Path home) throws IOException {
        Path file = home.resolve("data").resolve(FILE);
        FileChannel opened = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = opened.tryLock();
        } catch (IOException | RuntimeException e) {
            opened.close();
            throw e;
        }
        if (lock == null) {
            opened.close();
            String holder = Files.readString(file, StandardCharsets.UTF_8).trim();
            throw new LaunchException("home " + home + " is in use by another Botfleet server ("
                    + (holder.isEmpty() ? "holder not recorded" : holder) + "); one home, one server");
        }
        ProcessHandle self = ProcessHandle.current();
        Instant started = self.info().startInstant().orElse(Instant.now()).truncatedTo(ChronoUnit.SECONDS);
        byte[] text = ("pid " + self.pid() + ", started " + started + "\n").getBytes(StandardCharsets.UTF_8);
        opened.truncate(0);
        opened.write(ByteBuffer.wrap(text), 0);
        opened.force(false);
        channel = opened;
    }
}
