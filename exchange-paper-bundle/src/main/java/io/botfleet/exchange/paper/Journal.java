package io.botfleet.exchange.paper;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The account's append-only journal, {@code journal.log} in the account folder.
 *
 * <p><b>Guarantee.</b> {@link #append} hands the bytes to the operating system with one
 * {@code write} call before it returns, and nothing is buffered in the JVM: an event whose call
 * completed survives a kill of the process (SIGKILL included). It is not forced to the disk
 * unless {@code journal.fsync=true}, so a power cut may lose the last events; a line torn by
 * one is cut off at the next start.
 *
 * <p>The file is locked while open, so two adapters configured with the same account name (in
 * this or another process) cannot interleave their events.
 */
final class Journal implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(Journal.class.getName());
    static final String FILE_NAME = "journal.log";

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;
    private final boolean fsync;
    private final List<String> lines;

    private Journal(Path file, FileChannel channel, FileLock lock, boolean fsync,
                    List<String> lines) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
        this.fsync = fsync;
        this.lines = lines;
    }

    /** Opens (creating if needed) the journal in {@code dir} and reads its lines. */
    static Journal open(Path dir, boolean fsync) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(FILE_NAME);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE,
                StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            FileLock lock = tryLock(channel);
            if (lock == null) {
                throw new IOException(file + " is in use by another paper exchange adapter"
                        + " (two configurations with the same account name?)");
            }
            List<String> lines = readAndRepair(file, channel);
            channel.position(channel.size());
            return new Journal(file, channel, lock, fsync, lines);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null; // held by this JVM
        }
    }

    /** Reads every complete line; an incomplete last line (a torn write) is cut off. */
    private static List<String> readAndRepair(Path file, FileChannel channel) throws IOException {
        long size = channel.size();
        ByteBuffer buffer = ByteBuffer.allocate(Math.toIntExact(size));
        while (buffer.hasRemaining() && channel.read(buffer, buffer.position()) >= 0) {
            // read it all
        }
        byte[] bytes = buffer.array();
        int end = bytes.length;
        while (end > 0 && bytes[end - 1] != '\n') {
            end--;
        }
        if (end < bytes.length) {
            LOG.log(Level.WARNING, "{0}: cutting off an incomplete last line ({1} bytes), the"
                    + " trace of a write interrupted by a crash", file, bytes.length - end);
            channel.truncate(end);
        }
        List<String> lines = new ArrayList<>();
        for (String line : new String(bytes, 0, end, StandardCharsets.UTF_8).split("\n")) {
            if (!line.isEmpty()) {
                lines.add(line);
            }
        }
        return lines;
    }

    Path file() {
        return file;
    }

    /** The lines found at open, oldest first. */
    List<String> lines() {
        return lines;
    }

    /** Appends lines with one write, so a batch (an order and its fill) lands together. */
    void append(List<String> batch) throws IOException {
        StringBuilder text = new StringBuilder();
        for (String line : batch) {
            text.append(line).append('\n');
        }
        ByteBuffer bytes = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
        if (fsync) {
            channel.force(false);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
