package io.botfleet.exchange.bybit.fake;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A minimal RFC 6455 server (text frames, ping/pong, close; no extensions) over a
 * {@link ServerSocket}: enough to speak to the JDK's WebSocket client the way Bybit's stream does,
 * and to drop connections at will.
 */
final class MiniWebSocketServer implements AutoCloseable {

    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    interface Handler {
        /** @return false to refuse the connection (HTTP 503) */
        boolean accept(String path);

        void onOpen(Session session);

        void onText(Session session, String text);

        void onClose(Session session);
    }

    /** One client connection. */
    static final class Session {
        final String path;
        private final Socket socket;
        private final OutputStream out;
        final Map<String, Object> attributes = new ConcurrentHashMap<>();
        private volatile boolean muted;
        private volatile boolean closeSent;
        private volatile boolean dropped;

        Session(String path, Socket socket) throws IOException {
            this.path = path;
            this.socket = socket;
            this.out = socket.getOutputStream();
        }

        /** Sends one text frame; false if the connection is gone. */
        synchronized boolean send(String text) {
            return frame(0x1, text.getBytes(StandardCharsets.UTF_8));
        }

        synchronized boolean frame(int opcode, byte[] payload) {
            if (muted) {
                return true; // swallowed, as by a hung server or a silent network
            }
            try {
                out.write(0x80 | opcode);
                int n = payload.length;
                if (n < 126) {
                    out.write(n);
                } else if (n < 65536) {
                    out.write(126);
                    out.write(n >> 8);
                    out.write(n);
                } else {
                    out.write(127);
                    for (int i = 7; i >= 0; i--) {
                        out.write((int) ((long) n >> (8 * i)));
                    }
                }
                out.write(payload);
                out.flush();
                return true;
            } catch (IOException e) {
                return false;
            }
        }

        /** Drops the TCP connection without a close frame, as a network failure would. */
        void drop() {
            dropped = true;
            try {
                socket.close();
            } catch (IOException ignored) {
                // already closed
            }
        }

        /**
         * Starts the closing handshake with a close frame (as Bybit does when it ends a
         * connection); the TCP connection ends once the client answers with its own.
         */
        void close(int code) {
            closeSent = frame(0x8, new byte[] {(byte) (code >> 8), (byte) code});
        }

        /**
         * Goes silent with the TCP connection still open: nothing is sent from now on (no
         * answers, no pushes, no pong to a ping frame), and what arrives is read and ignored.
         */
        void mute() {
            muted = true;
        }

        boolean muted() {
            return muted;
        }

        /** Neither silenced, closing nor dropped: what it is sent reaches the client. */
        boolean answering() {
            return !muted && !closeSent && !dropped;
        }

        boolean isOpen() {
            return !socket.isClosed();
        }
    }

    private final ServerSocket server;
    private final Handler handler;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fake-bybit-ws");
        t.setDaemon(true);
        return t;
    });
    private final Set<Session> sessions = ConcurrentHashMap.newKeySet();

    MiniWebSocketServer(Handler handler, int port) throws IOException {
        this.handler = handler;
        this.server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        threads.execute(this::acceptLoop);
    }

    int port() {
        return server.getLocalPort();
    }

    Set<Session> sessions() {
        return sessions;
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                threads.execute(() -> serve(s));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        Session session = null;
        try (socket) {
            socket.setTcpNoDelay(true);
            InputStream in = socket.getInputStream();
            String requestLine = readLine(in);
            Map<String, String> headers = new HashMap<>();
            for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                            line.substring(colon + 1).trim());
                }
            }
            String path = requestLine.split(" ")[1];
            OutputStream out = socket.getOutputStream();
            String key = headers.get("sec-websocket-key");
            if (key == null || !handler.accept(path)) {
                out.write("HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                return;
            }
            String accept = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1")
                    .digest((key + GUID).getBytes(StandardCharsets.US_ASCII)));
            out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Accept: " + accept + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            session = new Session(path, socket);
            sessions.add(session);
            handler.onOpen(session);
            readFrames(new DataInputStream(in), session);
        } catch (IOException | NoSuchAlgorithmException e) {
            // connection gone
        } finally {
            if (session != null) {
                sessions.remove(session);
                handler.onClose(session);
            }
        }
    }

    private void readFrames(DataInputStream in, Session session) throws IOException {
        ByteArrayOutputStream message = new ByteArrayOutputStream();
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
            byte[] mask = new byte[4];
            if ((b1 & 0x80) != 0) {
                in.readFully(mask);
            }
            byte[] payload = new byte[(int) len];
            in.readFully(payload);
            for (int i = 0; i < payload.length; i++) {
                payload[i] ^= mask[i % 4];
            }
            switch (opcode) {
                case 0x0, 0x1 -> {
                    message.write(payload);
                    if (fin && session.muted()) {
                        message.reset();
                    } else if (fin) {
                        String text = message.toString(StandardCharsets.UTF_8);
                        message.reset();
                        handler.onText(session, text);
                    }
                }
                case 0x8 -> {
                    if (!session.closeSent) { // the client closes: answer its close frame
                        session.frame(0x8, payload.length >= 2 ? new byte[] {payload[0], payload[1]}
                                : new byte[0]);
                    }
                    return;
                }
                case 0x9 -> session.frame(0xA, payload);
                default -> {
                    // pong or reserved: ignore
                }
            }
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\n') {
                break;
            }
            if (c != '\r') {
                sb.append((char) c);
            }
        }
        if (c == -1 && sb.length() == 0) {
            throw new IOException("connection closed during handshake");
        }
        return sb.toString();
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        sessions.forEach(Session::drop);
        threads.shutdownNow();
    }
}
