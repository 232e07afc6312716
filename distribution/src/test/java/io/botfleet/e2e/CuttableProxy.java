package io.botfleet.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A TCP proxy on 127.0.0.1 in front of a server (the test's PostgreSQL) that a test can cut and
 * restore: {@link #cut()} closes every connection through it and resets every new one at once
 * (accepted, then closed with an RST before a byte is read), as when the database goes away;
 * {@link #restore()} forwards again. The port stays bound throughout: a port let go during a cut
 * could be taken by any other socket of the machine (an outgoing connection's local port) before
 * the restore binds it again. {@link #cutAtCommitOf(String)} cuts at the worst moment for a journal: the
 * database has committed a transaction that wrote a given value, and its answer is dropped, so
 * the client cannot know whether it was written. {@link #freeze()} makes the database go silent
 * instead, as in a network partition: nothing is forwarded and nothing is closed. Bytes are copied
 * as they are, one thread per direction.
 */
final class CuttableProxy implements AutoCloseable {

    private final InetSocketAddress target;
    private final int port;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread t = new Thread(runnable, "cuttable-proxy");
        t.setDaemon(true);
        return t;
    });
    private final ServerSocket listening;
    private boolean cut;
    private boolean frozen;
    private final Set<Socket> held = ConcurrentHashMap.newKeySet();
    private volatile String armedMarker;
    private volatile CompletableFuture<Void> armedCut;

    /** Listens on a free port, forwarding to {@code host:targetPort}. */
    CuttableProxy(String host, int targetPort) throws IOException {
        this.target = new InetSocketAddress(host, targetPort);
        this.listening = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.port = listening.getLocalPort();
        threads.execute(() -> accept(listening));
    }

    int port() {
        return port;
    }

    /** Closes every connection and resets new ones until {@link #restore()}. */
    synchronized void cut() {
        cut = true;
        open.forEach(CuttableProxy::closeQuietly);
        open.clear();
    }

    /**
     * Arms a cut: once a client has sent {@code marker} (a value bound into a statement, which the
     * PostgreSQL protocol sends as text), the next answer of the server on that connection that
     * says {@code COMMIT} (the CommandComplete tag, always text) is not forwarded: everything is
     * cut instead. Completes when it has cut. (The client's COMMIT itself is no good as a
     * trigger: the driver sends it as a server-prepared statement, without its text.)
     */
    CompletableFuture<Void> cutAtCommitOf(String marker) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        armedCut = done;
        armedMarker = marker;
        return done;
    }

    /**
     * Silence without a reset: connections stay open but carry nothing either way, and new ones
     * are accepted and never answered. Only a client's own timeouts can tell. {@link #restore()}
     * then closes them all, as a client would have after its timeouts.
     */
    synchronized void freeze() {
        frozen = true;
    }

    /** Forwards new connections again. */
    synchronized void restore() {
        if (frozen) {
            frozen = false;
            notifyAll();
            cut();
            held.forEach(CuttableProxy::closeQuietly);
            held.clear();
        }
        cut = false;
    }

    @Override
    public void close() {
        cut();
        closeQuietly(listening);
        threads.shutdownNow();
    }

    private void accept(ServerSocket server) {
        while (!server.isClosed()) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException closed) {
                return;
            }
            threads.execute(() -> connect(client));
        }
    }

    private void connect(Socket client) {
        synchronized (this) {
            if (frozen) {
                held.add(client); // accepted, never answered
                return;
            }
            if (cut) {
                reset(client);
                return;
            }
        }
        Socket upstream = new Socket();
        try {
            // Both legs forward whatever each read returns at once: with Nagle's algorithm a
            // request split over two reads waits for the peer's delayed ACK (up to 40 ms) and
            // the proxy, not the database, would set the pace of every commit.
            client.setTcpNoDelay(true);
            upstream.setTcpNoDelay(true);
            upstream.connect(target, 5_000);
        } catch (IOException e) {
            closeQuietly(client);
            closeQuietly(upstream);
            return;
        }
        if (!register(client, upstream)) {
            return;
        }
        boolean[] markerSent = new boolean[1]; // by the client on this connection; read by the other pump
        threads.execute(() -> pump(client, upstream, true, markerSent));
        threads.execute(() -> pump(upstream, client, false, markerSent));
    }

    /** Keeps the pair for {@link #cut()}; false (both closed) when a cut came first. */
    private synchronized boolean register(Socket client, Socket upstream) {
        if (cut) {
            closeQuietly(client);
            closeQuietly(upstream);
            return false;
        }
        open.add(client);
        open.add(upstream);
        return true;
    }

    private void pump(Socket from, Socket to, boolean fromClient, boolean[] markerSent) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                String marker = armedMarker;
                if (marker != null) {
                    String text = new String(buffer, 0, n, StandardCharsets.ISO_8859_1);
                    synchronized (markerSent) {
                        if (fromClient && text.contains(marker)) {
                            markerSent[0] = true; // before forwarding: the answer cannot come first
                        } else if (!fromClient && markerSent[0] && text.contains("COMMIT\0")) {
                            armedMarker = null;
                            cut();
                            armedCut.complete(null);
                            return;
                        }
                    }
                }
                if (!awaitThaw()) {
                    return; // restored after a freeze: these connections are dead
                }
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // closed by a cut or by either end: close the pair below
        } finally {
            closeQuietly(from);
            closeQuietly(to);
            open.remove(from);
            open.remove(to);
        }
    }

    /** Holds a pump while frozen; false when the freeze ended by closing everything. */
    private synchronized boolean awaitThaw() {
        boolean wasFrozen = frozen;
        while (frozen) {
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return !wasFrozen;
    }

    /** Closes with an RST (linger 0): the client's connect or first read fails at once. */
    private static void reset(Socket client) {
        try {
            client.setSoLinger(true, 0);
        } catch (IOException ignored) {
            // closed already
        }
        closeQuietly(client);
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception ignored) {
            // closing is all we wanted
        }
    }
}
