package io.botfleet.e2e;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Requests java.net.http cannot make: a chunked body that keeps coming after the server has
 * answered. The body is written on one thread while the answer is read on another, as a
 * browser would, so the 413 the server sends early is seen even though the upload is cut off.
 */
final class RawHttp {

    private RawHttp() {
    }

    static String chunkedPostHead(String path, String token) {
        return "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token
                + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n";
    }

    /** Sends a request with a declared length and body, reading the answer while still sending. */
    static String sendUntilAnswered(int port, String method, String path, String token, byte[] body) throws Exception {
        return sendUntilAnswered(port, method, path, token, "application/json", body);
    }

    /** {@link #sendUntilAnswered(int, String, String, String, byte[])} with another content type. */
    static String sendUntilAnswered(int port, String method, String path, String token, String contentType,
                                    byte[] body) throws Exception {
        String head = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token
                + "\r\nContent-Type: " + contentType + "\r\nContent-Length: " + body.length + "\r\n\r\n";
        return exchange(port, out -> {
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            for (int off = 0; off < body.length; off += 64 * 1024) {
                out.write(body, off, Math.min(64 * 1024, body.length - off));
            }
            out.flush();
        });
    }

    private interface Upload {
        void write(OutputStream out) throws IOException;
    }

    /** Sends {@code head}, then up to {@code bodyBytes} of chunked 'x'; returns the answer's head and body. */
    static String sendChunkedUntilAnswered(int port, String head, int bodyBytes) throws Exception {
        return exchange(port, out -> {
                    out.write(head.getBytes(StandardCharsets.US_ASCII));
                    out.write("7\r\n{\"id\":\"\r\n".getBytes(StandardCharsets.US_ASCII));
                    byte[] chunk = new byte[64 * 1024];
                    Arrays.fill(chunk, (byte) 'x');
                    byte[] size = (Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
                    for (int sent = 0; sent < bodyBytes; sent += chunk.length) {
                        out.write(size);
                        out.write(chunk);
                        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    }
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
        });
    }

    private static String exchange(int port, Upload upload) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            Thread writer = new Thread(() -> {
                try {
                    upload.write(out);
                } catch (IOException serverStoppedReading) {
                    // expected: the server answered and closed
                }
            });
            writer.setDaemon(true);
            writer.start();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            try {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    answer.write(buffer, 0, n);
                    String text = answer.toString(StandardCharsets.UTF_8);
                    int end = text.indexOf("\r\n\r\n");
                    if (end >= 0 && text.indexOf('}', end) > 0) {
                        break; // head and the (small) problem document are in
                    }
                }
            } catch (IOException reset) {
                // the connection may be reset after the answer; what was read is kept
            }
            writer.join(10_000);
            return answer.toString(StandardCharsets.UTF_8);
        }
    }
}
