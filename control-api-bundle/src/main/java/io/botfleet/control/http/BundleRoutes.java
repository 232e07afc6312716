package io.botfleet.control.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.botfleet.api.admin.BundleDeployment;
import io.botfleet.api.admin.BundleRefusedException;
import io.botfleet.api.admin.StrategyCatalog;
import io.botfleet.api.bot.BotManager;
import io.botfleet.api.bot.BotNotFoundException;
import io.botfleet.api.bot.BotState;
import io.botfleet.api.store.Role;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Set;

/**
 * Strategy and adapter bundles: {@code GET /v1/bundles}, {@code POST /v1/bundles} (the jar as the
 * body, validated before anything changes), {@code DELETE /v1/bundles/{symbolicName}/{version}}
 * (refused while bots run on it unless forced; the jar stays in the artifact store).
 */
public final class BundleRoutes {

    static final long MAX_JAR = 20L * 1024 * 1024;
    private static final Set<String> JAR_TYPES = Set.of("application/java-archive", "application/x-java-archive",
            "application/octet-stream");

    private final BundleDeployment deployer;
    private final StrategyCatalog catalog;
    private final BotManager bots;

    public BundleRoutes(BundleDeployment deployer, StrategyCatalog catalog, BotManager bots) {
        this.deployer = deployer;
        this.catalog = catalog;
        this.bots = bots;
    }

    public List<Route> routes() {
        return List.of(
                new Route("GET", "/v1/bundles", Role.VIEWER, r -> Reply.ok(list())),
                new Route("POST", "/v1/bundles", Role.ADMIN, this::deploy),
                new Route("DELETE", "/v1/bundles/{symbolicName}/{version}", Role.ADMIN, this::uninstall));
    }

    private ArrayNode list() {
        ArrayNode out = JsonMapper.MAPPER.createArrayNode();
        deployer.list().forEach(b -> out.add(json(b)));
        return out;
    }

    private Reply deploy(ApiRequest request) throws IOException {
        request.requireContentType(JAR_TYPES, false);
        byte[] jar;
        try (InputStream body = request.body(MAX_JAR)) {
            jar = body.readAllBytes();
        }
        BundleDeployment.Deployed deployed;
        try {
            deployed = deployer.deploy(jar);
        } catch (BundleRefusedException e) {
            throw ApiException.of(422, "bundle-refused", "Bundle not acceptable", e.getMessage());
        }
        BundleDeployment.InstalledBundle b = deployed.bundle();
        request.auditTarget(b.symbolicName() + "/" + b.version());
        request.auditDetail("sha256 " + b.sha256());
        String location = "/api/v1/bundles/" + b.symbolicName() + "/" + b.version();
        return deployed.newlyAdded() ? Reply.created(json(b), location) : Reply.ok(json(b));
    }

    private Reply uninstall(ApiRequest request) {
        String name = request.path("symbolicName");
        String version = request.path("version");
        request.auditTarget(name + "/" + version);
        BundleDeployment.InstalledBundle target = deployer.list().stream()
                .filter(b -> b.symbolicName().equals(name) && b.version().equals(version))
                .findFirst()
                .orElseThrow(() -> ApiException.notFound("no bundle " + name + " " + version + " is installed"));
        List<String> running = botsOn(target.bundleId());
        if (!running.isEmpty() && !request.flag("force")) {
            throw ApiException.conflict("bots " + String.join(", ", running) + " run on " + name + " " + version
                    + "; add ?force=true to remove it anyway (they become SUSPENDED)");
        }
        try {
            deployer.uninstall(name, version);
        } catch (BotNotFoundException e) {
            throw ApiException.notFound(e.getMessage());
        }
        return Reply.noContent();
    }

    private List<String> botsOn(long bundleId) {
        return catalog.strategies().stream()
                .flatMap(s -> s.versions().stream())
                .filter(v -> v.bundleId() == bundleId)
                .flatMap(v -> v.bots().stream())
                .filter(id -> {
                    try {
                        BotState state = bots.get(id).state();
                        return state.isActive();
                    } catch (BotNotFoundException gone) {
                        return false;
                    }
                })
                .toList();
    }

    private static ObjectNode json(BundleDeployment.InstalledBundle b) {
        ObjectNode n = JsonMapper.MAPPER.createObjectNode();
        n.put("symbolicName", b.symbolicName());
        n.put("version", b.version());
        n.put("bundleId", b.bundleId());
        n.put("state", b.state());
        n.put("sha256", b.sha256());
        ArrayNode strategies = n.putArray("strategies");
        for (BundleDeployment.StrategyDeclaration s : b.strategies()) {
            strategies.addObject().put("id", s.id()).put("version", s.version());
        }
        return n;
    }
}
