package io.botfleet.runtime.deploy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/** Byte-level edits of a zip that no well-behaved tool would make: how a forger builds a jar. */
final class ZipSurgery {

    private static final int END = 0x06054b50;
    private static final int CENTRAL = 0x02014b50;

    private ZipSurgery() {
    }

    /** The jar with one more entry, added last. */
    static byte[] withEntry(byte[] jar, String name, byte[] content) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(jar));
             ZipOutputStream zip = new ZipOutputStream(out)) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                byte[] bytes = in.readAllBytes();
                zip.putNextEntry(new ZipEntry(e.getName()));
                zip.write(bytes);
                zip.closeEntry();
            }
            zip.putNextEntry(new ZipEntry(name));
            zip.write(content);
            zip.closeEntry();
        }
        return out.toByteArray();
    }

    /**
     * Puts four bytes of junk before the local header of {@code name} (which must be the last
     * entry) and fixes the central directory: a zip reader by the central directory sees the entry,
     * a stream reading from the front stops at the junk and never does.
     */
    static byte[] hideFromStream(byte[] zip, String name) {
        ByteBuffer in = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
        int end = endRecord(in);
        int centralOffset = in.getInt(end + 16);
        int hiddenAt = -1;
        for (int p = centralOffset; in.getInt(p) == CENTRAL; p = next(in, p)) {
            if (name(in, p).equals(name)) {
                hiddenAt = in.getInt(p + 42);
            }
        }
        if (hiddenAt < 0) {
            throw new IllegalArgumentException(name + " is not in the zip");
        }
        byte[] out = new byte[zip.length + 4];
        System.arraycopy(zip, 0, out, 0, hiddenAt);
        System.arraycopy("JUNK".getBytes(StandardCharsets.US_ASCII), 0, out, hiddenAt, 4);
        System.arraycopy(zip, hiddenAt, out, hiddenAt + 4, zip.length - hiddenAt);
        ByteBuffer o = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
        for (int p = centralOffset + 4; o.getInt(p) == CENTRAL; p = next(o, p)) {
            int local = o.getInt(p + 42);
            if (local >= hiddenAt) {
                o.putInt(p + 42, local + 4);
            }
        }
        o.putInt(end + 4 + 16, centralOffset + 4);
        return out;
    }

    /** Renames every occurrence of an entry name to another of the same length (local headers and directory). */
    static byte[] rename(byte[] zip, String from, String to) {
        byte[] a = from.getBytes(StandardCharsets.UTF_8);
        byte[] b = to.getBytes(StandardCharsets.UTF_8);
        if (a.length != b.length) {
            throw new IllegalArgumentException("names must have the same length");
        }
        byte[] out = zip.clone();
        for (int i = 0; i + a.length <= out.length; i++) {
            if (Arrays.equals(out, i, i + a.length, a, 0, a.length)) {
                System.arraycopy(b, 0, out, i, b.length);
            }
        }
        return out;
    }

    private static int endRecord(ByteBuffer in) {
        for (int p = in.limit() - 22; p >= 0; p--) {
            if (in.getInt(p) == END) {
                return p;
            }
        }
        throw new IllegalArgumentException("no end of central directory record");
    }

    private static int next(ByteBuffer in, int p) {
        return p + 46 + Short.toUnsignedInt(in.getShort(p + 28)) + Short.toUnsignedInt(in.getShort(p + 30))
                + Short.toUnsignedInt(in.getShort(p + 32));
    }

    private static String name(ByteBuffer in, int p) {
        byte[] name = new byte[Short.toUnsignedInt(in.getShort(p + 28))];
        in.get(p + 46, name);
        return new String(name, StandardCharsets.UTF_8);
    }
}
