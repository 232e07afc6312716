package io.botfleet.exchange.bybit.ws;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * One client WebSocket connection (RFC 6455: text frames, ping/pong, close; no extensions) on a
 * blocking socket ({@code ws://}, or TLS for {@code wss://} with host name verification), read by
 * a thread of its own that connects, performs the opening handshake and then reads frames until
 * the connection ends.
 *
 * <p>Why not the JDK's {@code java.net.http.WebSocket}: it loses a TCP close that arrives while, or
 * just after, it delivers a message. Neither {@code onClose} nor {@code onError} is ever called and
 * the socket looks open for good (measured on JDK 17 and 25: a server that sends a few frames and
 * closes the connection went unnoticed in 10 to 20 % of 100 tries, however short the listener).
 * A stream cut that way was noticed only by the heartbeat, tens of seconds later. Here the reader
 * thread sees end-of-stream the moment it arrives, whatever the listener is doing.
 *
 * <p>Writes go straight to the socket under a lock. They are small (pings, subscriptions) and a
 * peer that stopped reading would need megabytes of them to fill the socket's send buffer; the
 * heartbeat aborts such a connection long before, which also releases a blocked writer.
 */
final class SocketWebSocket {

    /** Callbacks, all on the reader thread, in order. */
    interface Listener {
        /** The opening handshake succeeded. */
        void onOpen(SocketWebSocket socket);

        void onText(String text);

        /** Any frame arrived (text, ping, pong, close): the connection is alive. */
        void onFrame();

        /** The connection ended or could not be made; called once, last. */
        void onEnd(String why, boolean wasOpen);
    }

    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private static final int MAX_MESSAGE_BYTES = 16 << 20;
    private static final SecureRandom KEYS = new SecureRandom();

    private final URI uri;
    private final Duration connectTimeout;
    private final Listener listener;
    private final Object writeLock = new Object();
    private volatile Socket socket;
    private OutputStream out;
    private volatile boolean closeSent;

    private SocketWebSocket(URI uri, Duration connectTimeout, Listener listener) {
        this.uri = uri;
        this.connectTimeout = connectTimeout;
        this.listener = listener;
    }

    /** Starts connecting on a new reader thread; the outcome comes through the listener. */
    static SocketWebSocket open(URI uri, Duration connectTimeout, String threadName, Listener listener) {
        SocketWebSocket ws = new SocketWebSocket(uri, connectTimeout, listener);
        Thread reader = new Thread(ws::run, threadName);
        reader.setDaemon(true);
        reader.start();
        return ws;
    }

    /** Sends one text frame; false if the connection is gone (it is then being torn down). */
    boolean sendText(String text) {
        return send(0x1, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Starts the closing handshake and drops the connection without waiting for the answer. */
    void close(int code) {
        closeSent = true;
        send(0x8, new byte[] {(byte) (code >> 8), (byte) code});
        abort();
    }

    /** Drops the connection at once; the reader thread ends and reports it. */
    void abort() {
        Socket s = socket;
        if (s != null) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    private void run() {
        boolean wasOpen = false;
        String why;
        try (Socket s = connect()) {
            InputStream in = new BufferedInputStream(s.getInputStream());
            handshake(in);
            s.setSoTimeout(0); // from now on silence is the heartbeat's business
            wasOpen = true;
            listener.onOpen(this);
            why = readFrames(new DataInputStream(in));
        } catch (EOFException e) {
            why = wasOpen ? "connection closed without a close frame" : "connect failed: closed during the handshake";
        } catch (IOException | RuntimeException e) {
            why = (wasOpen ? "connection lost: " : "connect failed: ") + e;
        }
        listener.onEnd(why, wasOpen);
    }

    private Socket connect() throws IOException {
        boolean tls = "wss".equalsIgnoreCase(uri.getScheme());
        if (!tls && !"ws".equalsIgnoreCase(uri.getScheme())) {
            throw new IOException("not a WebSocket URL: " + uri);
        }
        String host = uri.getHost();
        int port = uri.getPort() > 0 ? uri.getPort() : tls ? 443 : 80;
        int timeout = (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis());
        Socket plain = new Socket();
        socket = plain;
        try {
            plain.connect(new InetSocketAddress(host, port), timeout);
            plain.setTcpNoDelay(true);
            plain.setSoTimeout(timeout); // bounds the TLS and the opening handshakes
            Socket s = plain;
            if (tls) {
                SSLSocket ssl = (SSLSocket) ((SSLSocketFactory) SSLSocketFactory.getDefault())
                        .createSocket(plain, host, port, true);
                SSLParameters params = ssl.getSSLParameters();
                params.setEndpointIdentificationAlgorithm("HTTPS");
                ssl.setSSLParameters(params);
                socket = ssl;
                ssl.startHandshake();
                s = ssl;
            }
            synchronized (writeLock) {
                out = s.getOutputStream();
            }
            return s;
        } catch (IOException | RuntimeException e) {
            abort();
            throw e;
        }
    }

    private void handshake(InputStream in) throws IOException {
        byte[] nonce = new byte[16];
        KEYS.nextBytes(nonce);
        String key = Base64.getEncoder().encodeToString(nonce);
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (uri.getRawQuery() != null) {
            path += "?" + uri.getRawQuery();
        }
        String host = uri.getPort() > 0 ? uri.getHost() + ":" + uri.getPort() : uri.getHost();
        String request = "GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\n\r\n";
        synchronized (writeLock) {
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }
        String status = readLine(in);
        String accept = null;
        for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals("sec-websocket-accept")) {
                accept = line.substring(colon + 1).trim();
            }
        }
        String[] parts = status.split(" ", 3);
        if (parts.length < 2 || !parts[1].equals("101")) {
            throw new IOException("the server refused the upgrade: " + status);
        }
        if (!expectedAccept(key).equals(accept)) {
            throw new IOException("the server answered a wrong Sec-WebSocket-Accept");
        }
    }

    private static String expectedAccept(String key) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1")
                    .digest((key + GUID).getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is part of every JDK", e);
        }
    }

    /** Reads frames until the connection ends; returns why it ended. */
    private String readFrames(DataInputStream in) throws IOException {
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        boolean text = false;
        while (true) {
            int b0 = in.readUnsignedByte();
            int b1 = in.readUnsignedByte();
            boolean fin = (b0 & 0x80) != 0;
            int opcode = b0 & 0x0f;
            long len = b1 & 0x7f;
            if (len == 126) {
                len = in.readUnsignedShort();
            } else if (len == 127) {
                len = in.readLong();
            }
            if (len < 0 || len + message.size() > MAX_MESSAGE_BYTES) {
                close(1009);
                return "a message over " + MAX_MESSAGE_BYTES + " bytes";
            }
            byte[] mask = null;
            if ((b1 & 0x80) != 0) { // servers do not mask; tolerated
                mask = new byte[4];
                in.readFully(mask);
            }
            byte[] payload = new byte[(int) len];
            in.readFully(payload);
            if (mask != null) {
                for (int i = 0; i < payload.length; i++) {
                    payload[i] ^= mask[i % 4];
                }
            }
            listener.onFrame();
            switch (opcode) {
                case 0x0, 0x1, 0x2 -> {
                    if (opcode != 0x0) {
                        text = opcode == 0x1;
                        message.reset();
                    }
                    message.write(payload);
                    if (fin) {
                        if (text) {
                            listener.onText(message.toString(StandardCharsets.UTF_8));
                        }
                        message.reset();
                    }
                }
                case 0x8 -> {
                    int code = payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 1005;
                    if (!closeSent) {
                        closeSent = true;
                        send(0x8, payload.length >= 2 ? new byte[] {payload[0], payload[1]} : new byte[0]);
                    }
                    return "closed by server (" + code + ")";
                }
                case 0x9 -> send(0xA, payload);
                default -> {
                    // a pong, or a reserved opcode: nothing to do
                }
            }
        }
    }

    /** Writes one masked frame (clients must mask); false, and the connection dropped, on failure. */
    private boolean send(int opcode, byte[] payload) {
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 14);
        frame.write(0x80 | opcode);
        int n = payload.length;
        if (n < 126) {
            frame.write(0x80 | n);
        } else if (n < 65536) {
            frame.write(0x80 | 126);
            frame.write(n >> 8);
            frame.write(n);
        } else {
            frame.write(0x80 | 127);
            for (int i = 7; i >= 0; i--) {
                frame.write((int) ((long) n >> (8 * i)));
            }
        }
        frame.write(mask, 0, 4);
        for (int i = 0; i < n; i++) {
            frame.write(payload[i] ^ mask[i % 4]);
        }
        synchronized (writeLock) {
            if (out == null) {
                return false;
            }
            try {
                frame.writeTo(out);
                out.flush();
                return true;
            } catch (IOException e) {
                abort();
                return false;
            }
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        while (true) {
            int c = in.read();
            if (c == -1) {
                throw new EOFException();
            }
            if (c == '\n') {
                return sb.toString();
            }
            if (c != '\r') {
                if (sb.length() > 8192) {
                    throw new IOException("a handshake line over 8 KiB");
                }
                sb.append((char) c);
            }
        }
    }
}
