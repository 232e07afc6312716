package io.botfleet.control.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.botfleet.api.cluster.BotOwner;
import io.botfleet.api.cluster.ClusterNode;
import io.botfleet.api.cluster.ClusterView;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cluster mode: a bot's live status and its commands belong to the node that runs it. A request
 * about one bot ({@link #forwards}) that reaches another node is sent on to the owner with the
 * caller's own headers (its token works on every node), and the owner's answer is passed back as
 * it came, so any node answers it as the owner does; the owner audits it. Answered where it
 * lands instead: a request already forwarded (no loops), a bot no node runs, and a request the
 * owner could not be reached for (the database's view, as without forwarding). A command the
 * owner got but did not answer is a 502: whether it took effect is the owner's to say.
 */
final class OwnerForwarding {

    private static final Logger LOG = LoggerFactory.getLogger(OwnerForwarding.class);
    /** Set on a forwarded request, naming the node that forwarded it: the owner answers it itself. */
    static final String FORWARDED_BY = "X-Botfleet-Forwarded-By";
    /** Set on a forwarded answer, naming the node that answered. */
    static final String ANSWERED_BY = "X-Botfleet-Answered-By";
    /** Headers of one hop, which the client sets for itself (or refuses to be given). */
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "content-length", "expect", "host",
            "http2-settings", "keep-alive", "proxy-authorization", "proxy-connection", "te", "trailer",
            "transfer-encoding", "upgrade");
    private static final Set<String> ANSWER_HEADERS = Set.of("content-type", "location", "cache-control",
            "retry-after", "allow");

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(1);
    /**
     * How long a read waits for another node (a status, the fleet list's share) before this node
     * answers from the database: an owner frozen or cut off must not hold every node's API up.
     */
    static final Duration READ_TIMEOUT = Duration.ofSeconds(2);
    /** How long a command waits for the node that runs the bot (a stop writes a checkpoint first). */
    static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(15);

    private final HttpClient client;
    private final long maxBodyBytes;

    OwnerForwarding(long maxBodyBytes) {
        this.client = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.maxBodyBytes = maxBodyBytes;
    }

    /**
     * The routes that are the owner's to answer: a bot's status and recent candles (held in its
     * node's memory) and every command about one bot. The bot's journal (orders, fills, events,
     * strategy history) is in the database, which every node reads alike.
     */
    static boolean forwards(Route route) {
        String template = route.template().toString();
        if (!template.startsWith(BotRoutes.BOT)) {
            return false;
        }
        return route.mutating() || template.equals(BotRoutes.BOT) || template.equals(BotRoutes.BOT + "/candles");
    }

    /** The fleet list, whose entries of bots other nodes run are gathered from them ({@link #gathered}). */
    static boolean gathers(Route route) {
        return "GET".equals(route.method()) && "/v1/bots".equals(route.template().toString());
    }

    /**
     * The fleet list with each bot another live node runs as that node shows it: every other node
     * that beats and advertises a URL is asked for its list at once, and an entry whose
     * {@code node} is the node that answered replaces this node's entry of that bot. A node that
     * does not answer within {@link #READ_TIMEOUT} leaves this node's entries of its bots (the
     * database's view). A request already forwarded gets this node's list alone.
     */
    JsonNode gathered(ClusterView cluster, HttpServletRequest request, JsonNode list) {
        if (cluster == null || request.getHeader(FORWARDED_BY) != null || !list.isArray()) {
            return list;
        }
        List<ClusterNode> nodes;
        try {
            nodes = cluster.nodes();
        } catch (RuntimeException e) {
            return list; // the database is away: this node's view is all there is
        }
        List<CompletableFuture<Map<String, JsonNode>>> answers = new ArrayList<>();
        for (ClusterNode node : nodes) {
            if (!node.id().equals(cluster.nodeId()) && !node.url().isBlank()
                    && (node.active() || node.drained())) {
                answers.add(ownBots(node, cluster.nodeId(), request));
            }
        }
        Map<String, JsonNode> fromOwners = new HashMap<>();
        answers.forEach(a -> fromOwners.putAll(a.join()));
        ArrayNode merged = JsonMapper.MAPPER.createArrayNode();
        list.forEach(entry -> merged.add(fromOwners.getOrDefault(entry.path("id").asText(), entry)));
        return merged;
    }

    /** The entries of {@code node}'s list that it runs itself, by bot id; none when it does not answer. */
    private CompletableFuture<Map<String, JsonNode>> ownBots(ClusterNode node, String thisNode,
                                                             HttpServletRequest request) {
        HttpRequest.Builder out = HttpRequest.newBuilder(URI.create(stripSlash(node.url()) + request.getRequestURI()))
                .timeout(READ_TIMEOUT).GET().header(FORWARDED_BY, thisNode);
        String authorization = request.getHeader("Authorization");
        if (authorization != null) {
            out.header("Authorization", authorization);
        }
        return client.sendAsync(out.build(), HttpResponse.BodyHandlers.ofByteArray())
                .thenApply(answer -> {
                    Map<String, JsonNode> own = new HashMap<>();
                    if (answer.statusCode() == 200) {
                        JsonMapper.read(new ByteArrayInputStream(answer.body())).forEach(b -> {
                            if (node.id().equals(b.path("node").asText(null))) {
                                own.put(b.path("id").asText(), b);
                            }
                        });
                    }
                    return own;
                })
                .exceptionally(e -> {
                    LOG.debug("node {} did not give its bots for the fleet list: {}", node.id(), e.toString());
                    return Map.of();
                });
    }

    /** The node to send this request on to, or empty to answer it here. */
    Optional<BotOwner> target(ClusterView cluster, Route route, Map<String, String> variables,
                              HttpServletRequest request) {
        if (cluster == null || !forwards(route) || request.getHeader(FORWARDED_BY) != null) {
            return Optional.empty();
        }
        String botId = variables.get("id");
        Optional<BotOwner> owner;
        try {
            owner = cluster.owner(botId);
        } catch (RuntimeException e) {
            LOG.debug("owner of bot {} not found ({}): answering here", botId, e.toString());
            return Optional.empty();
        }
        return owner.filter(o -> !o.nodeId().equals(cluster.nodeId()) && !o.url().isBlank());
    }

    /**
     * The request with its body read once (within the JSON limit), to forward and, should the
     * owner not be reached, to answer here from the start.
     */
    BufferedBodyRequest buffered(HttpServletRequest request) throws IOException {
        try (InputStream in = new LimitedInputStream(request.getInputStream(), maxBodyBytes)) {
            return new BufferedBodyRequest(request, in.readAllBytes());
        } catch (LimitedInputStream.TooLarge e) {
            throw ApiException.tooLarge(e.limit());
        }
    }

    /**
     * Sends the request to {@code owner} and writes its answer.
     *
     * @return false when the owner could not be reached and nothing was written: answer here
     */
    boolean forward(BotOwner owner, String thisNode, BufferedBodyRequest request, HttpServletResponse response)
            throws IOException {
        HttpRequest outgoing = outgoing(owner, thisNode, request);
        HttpResponse<byte[]> answer;
        try {
            answer = client.send(outgoing, HttpResponse.BodyHandlers.ofByteArray());
        } catch (ConnectException | HttpConnectTimeoutException notSent) {
            LOG.info("node {} (running bot {}) is not reachable at {}: answering {} here ({})", owner.nodeId(),
                    owner.botId(), owner.url(), outgoing.method(), notSent.toString());
            return false;
        } catch (IOException e) {
            if ("GET".equals(outgoing.method())) {
                LOG.info("node {} (running bot {}) did not answer a read within {} s: answering here ({})",
                        owner.nodeId(), owner.botId(), READ_TIMEOUT.toSeconds(), e.toString());
                return false; // nothing changes by asking: the database's view is a fair answer
            }
            Problems.write(response, ApiException.of(502, "owner-did-not-answer", "Bad gateway", "node " + owner.nodeId()
                    + " runs bot " + owner.botId() + " and got the request, but did not answer it (" + e
                    + "); GET /api/v1/bots/" + owner.botId() + " shows whether it took effect"), null);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while node " + owner.nodeId() + " answered", e);
        }
        response.setStatus(answer.statusCode());
        answer.headers().map().forEach((name, values) -> {
            if (ANSWER_HEADERS.contains(name.toLowerCase(Locale.ROOT)) && !values.isEmpty()) {
                response.setHeader(name, values.get(0));
            }
        });
        response.setHeader(ANSWERED_BY, owner.nodeId());
        response.getOutputStream().write(answer.body());
        return true;
    }

    private HttpRequest outgoing(BotOwner owner, String thisNode, BufferedBodyRequest request) {
        String query = request.getQueryString();
        URI uri = URI.create(stripSlash(owner.url()) + request.getRequestURI() + (query == null ? "" : "?" + query));
        HttpRequest.Builder out = HttpRequest.newBuilder(uri)
                .timeout("GET".equals(request.getMethod()) ? READ_TIMEOUT : COMMAND_TIMEOUT)
                .method(request.getMethod(), request.body().length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(request.body()));
        for (String name : Collections.list(request.getHeaderNames())) {
            if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))
                    && !name.equalsIgnoreCase(FORWARDED_BY)) {
                for (String value : Collections.list(request.getHeaders(name))) {
                    out.header(name, value);
                }
            }
        }
        return out.header(FORWARDED_BY, thisNode).build();
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
