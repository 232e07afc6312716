package io.botfleet.control.http.stream;

import java.nio.charset.StandardCharsets;

/**
 * One Server-Sent Event, already encoded: {@code id}, {@code event} name and one {@code data}
 * line of JSON (JSON has no raw newlines, so one line always suffices).
 */
public record StreamEvent(long id, String name, String json) {

    public byte[] encode() {
        return ("id: " + id + "\nevent: " + name + "\ndata: " + json + "\n\n").getBytes(StandardCharsets.UTF_8);
    }
}
