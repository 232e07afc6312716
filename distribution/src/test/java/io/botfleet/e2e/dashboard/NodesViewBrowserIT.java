package io.botfleet.e2e.dashboard;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.botfleet.distribution.DistributionProcess;
import io.botfleet.e2e.TestPostgres;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The dashboard's Nodes view in a real browser against two cluster nodes on one PostgreSQL
 * database: a viewer sees both nodes ACTIVE and no Drain button enabled; an admin drains one after
 * a confirmation naming it, and the view shows it DRAINED, as the API does.
 */
public class NodesViewBrowserIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "nodes-view-admin-token-0123456789abcdef";
    private static final String HASH_KEY = "ffeeddccbbaa99887766554433221100ffeeddccbbaa99887766554433221100";
    private static final List<DistributionProcess> NODES = new ArrayList<>();
    private static TestPostgres postgres;
    private static HeadlessChromium browser;
    private static DashboardPage page;

    @BeforeClass
    public static void start() throws Exception {
        HeadlessChromium.assumeInstalled();
        postgres = TestPostgres.required();
        postgres.createSchema();
        for (String id : List.of("node-a", "node-b")) { // one after the other: the first creates the schema
            DistributionProcess node = DistributionProcess.builder("nodes-view-" + id).withoutEtcFile("bots/demo-sma.json")
                    .env("BOTFLEET_ADMIN_TOKEN", TOKEN).env("BOTFLEET_TOKEN_HASH_KEY", HASH_KEY)
                    .etcFile("io.botfleet.persistence.cfg", "jdbcUrl=" + postgres.url() + "\n")
                    .etcFile("io.botfleet.cluster.cfg", "enabled=true\nnodeId=" + id + "\nrenewSeconds=2\n"
                            + (id.equals("node-b") ? "maxBots=40\n" : ""))
                    .start();
            NODES.add(node);
            node.awaitReady(Duration.ofSeconds(120));
        }
        NODES.get(0).awaitOk("/ui/", Duration.ofSeconds(60));
        browser = HeadlessChromium.start(Path.of(System.getProperty("botfleet.screenshots", "target/screenshots")));
        page = new DashboardPage(browser.driver(), NODES.get(0).uri("/"));
    }

    @AfterClass
    public static void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        NODES.forEach(DistributionProcess::close);
        if (postgres != null) {
            postgres.dropSchema();
        }
    }

    @Test
    public void aViewerSeesTheNodesAndAnAdminDrainsOneAfterConfirming() throws IOException {
        HttpResponse<String> created = NODES.get(0).send(HttpRequest.newBuilder(NODES.get(0).uri("/api/v1/tokens"))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"nodes-viewer\",\"role\":\"viewer\"}")));
        assertEquals(created.body(), 201, created.statusCode());
        page.logIn(JSON.readTree(created.body()).path("token").asText());
        page.openNodes();
        assertEquals("2 nodes, 2 active; this page is served by node-a.", page.text(By.id("nodes-summary")));
        assertEquals("ACTIVE", page.nodeCell("node-a", 1));
        assertEquals("ACTIVE", page.nodeCell("node-b", 1));
        assertEquals("no limit", "—", page.nodeCell("node-a", 3));
        assertEquals("40", page.nodeCell("node-b", 3));
        List<WebElement> drains = browser.driver().findElements(By.cssSelector("#nodes button.drain"));
        assertEquals(2, drains.size());
        drains.forEach(b -> assertFalse("a viewer cannot drain", b.isEnabled()));
        browser.screenshot("nodes-01-viewer");

        page.logIn(TOKEN);
        fleetTableShowsTheNodeEachBotRunsOn();
        page.openNodes();
        WebElement drainB = page.button(By.cssSelector("#nodes tr[data-node='node-b'] button.drain"));
        assertTrue(drainB.isEnabled());
        drainB.click();
        assertEquals("Hand every bot of node node-b over to the other nodes? It runs no bot until it is restarted.",
                page.await("the confirmation", d -> d.findElement(By.id("confirm")).isDisplayed()
                        ? page.text(By.id("confirm-text")) : null));
        browser.screenshot("nodes-02-drain-confirmation");
        page.confirm();
        page.await("node-b DRAINED", d -> "DRAINED".equals(page.nodeCell("node-b", 1)));
        assertEquals("no Drain for a drained node", List.of(),
                browser.driver().findElements(By.cssSelector("#nodes tr[data-node='node-b'] button.drain")));
        HttpResponse<String> nodes = NODES.get(1).get("/api/v1/cluster/nodes", TOKEN);
        for (JsonNode n : JSON.readTree(nodes.body()).path("nodes")) {
            assertEquals(n.toString(), n.path("id").asText().equals("node-b") ? "DRAINED" : "ACTIVE",
                    n.path("state").asText());
        }
        browser.screenshot("nodes-03-drained");
        List<String> errors = browser.consoleErrors();
        assertTrue("console errors: " + errors, errors.isEmpty());
    }

    /** Two bots, one a node: the fleet table (served by node-a) names the node each runs on when it loads. */
    private void fleetTableShowsTheNodeEachBotRunsOn() throws IOException {
        List<String> bots = List.of("nv-0", "nv-1");
        for (String id : bots) {
            HttpResponse<String> created = NODES.get(0).send(HttpRequest.newBuilder(NODES.get(0).uri("/api/v1/bots"))
                    .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"id\":\"" + id + "\",\"strategy\":{\"id\":"
                            + "\"sma-crossover\",\"version\":\"1.0.0\",\"params\":{\"fast\":5,\"slow\":20}},"
                            + "\"exchange\":{\"id\":\"paper\",\"account\":\"default\"},\"symbol\":\"BTCUSDT\","
                            + "\"interval\":\"1m\",\"risk\":{\"orderQty\":\"0.01\"},\"autoStart\":true}")));
            assertEquals(created.body(), 201, created.statusCode());
        }
        Map<String, String> nodeOf = new HashMap<>();
        page.await("both bots RUNNING, one on each node", d -> {
            nodeOf.clear();
            for (String id : bots) {
                JsonNode b = status(id);
                if ("RUNNING".equals(b.path("state").asText())) {
                    nodeOf.put(id, b.path("node").asText());
                }
            }
            return nodeOf.size() == 2 && nodeOf.containsValue("node-a") && nodeOf.containsValue("node-b") ? nodeOf : null;
        });
        // loaded now: the list names each bot's node (live updates of another node's bots are not on
        // this node's stream yet, see docs/operations.md, "Cluster")
        browser.driver().navigate().refresh();
        page.awaitFleet();
        for (String id : bots) {
            assertEquals(id, nodeOf.get(id), page.await(id + "'s node", d -> page.fleetCell(id, "node").isEmpty()
                    ? null : page.fleetCell(id, "node")));
        }
        browser.screenshot("nodes-00-fleet-with-node-column");
    }

    /** A bot's status as node-b answers (forwarded to the node that runs it). */
    private static JsonNode status(String id) {
        try {
            return JSON.readTree(NODES.get(1).get("/api/v1/bots/" + id, TOKEN).body());
        } catch (IOException e) {
            throw new AssertionError(id, e);
        }
    }
}
