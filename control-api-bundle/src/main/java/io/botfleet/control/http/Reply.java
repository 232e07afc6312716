package io.botfleet.control.http;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a handler answers: a status and a JSON body (or none), plus an optional Location.
 * {@link #HANDLED} marks a response the handler wrote itself (a stream).
 */
public record Reply(int status, JsonNode body, String location) {

    public static final Reply HANDLED = new Reply(-1, null, null);

    public static Reply ok(JsonNode body) {
        return new Reply(200, body, null);
    }

    public static Reply created(JsonNode body, String location) {
        return new Reply(201, body, location);
    }

    public static Reply noContent() {
        return new Reply(204, null, null);
    }
}
