package io.botfleet.launcher;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Refuses to start when the HTTP port is taken. Jetty would only log the bind failure and the
 * server would run without HTTP: alive to a process supervisor, unreachable to everyone else.
 */
final class PortCheck {

    private PortCheck() {
    }

    static void requireFree(String host, String port, String what, String variable) {
        int number = Integer.parseInt(port);
        if (number == 0) {
            return; // any free port: nothing to check
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(host, number));
        } catch (IOException e) {
            throw new LaunchException(what + " port " + number + " is already in use on " + host + " ("
                    + e.getMessage() + "); set " + variable + " to another port");
        }
    }
}
