package io.botfleet.cli;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A successful answer of the API: the body as the server sent it (what --json prints) and the
 * same body parsed (what the tables are made from).
 */
public record ApiResponse(String body, JsonNode json) {
}
