package io.botfleet.control.metrics;

import io.botfleet.api.admin.ExchangeAccounts;
import io.botfleet.api.admin.FleetStatistics;
import io.botfleet.api.bot.BotManager;
import io.botfleet.api.cluster.ClusterView;
import io.botfleet.api.notify.NotificationTargets;
import io.botfleet.control.http.ApiException;
import io.botfleet.control.http.Problems;
import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.servlet.whiteboard.HttpWhiteboardConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code GET /metrics}: the Prometheus text format (0.0.4), written by the Prometheus client. */
@Component(service = Servlet.class,
        property = {
            HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_NAME + "=botfleet-metrics",
            HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_PATTERN + "=/*",
            HttpWhiteboardConstants.HTTP_WHITEBOARD_CONTEXT_SELECT + "=("
                    + HttpWhiteboardConstants.HTTP_WHITEBOARD_CONTEXT_NAME + "=" + MetricsContext.NAME + ")"
        })
public class MetricsServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(MetricsServlet.class);
    private static final PrometheusTextFormatWriter WRITER = PrometheusTextFormatWriter.create();

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    transient volatile BotManager bots;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    transient volatile FleetStatistics stats;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    transient volatile HttpStats http;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    transient volatile ExchangeAccounts exchanges;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    transient volatile NotificationTargets notifications;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    transient volatile ClusterView cluster;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())) {
            Problems.write(response, ApiException.methodNotAllowed(request.getMethod(), "GET"), null);
            return;
        }
        MetricSnapshots snapshots;
        try {
            BotManager manager = bots;
            FleetStatistics processing = stats;
            ExchangeAccounts registry = exchanges;
            snapshots = FleetMetrics.collect(manager == null ? null : manager.list(),
                    processing == null ? null : processing.snapshot(), http,
                    registry == null ? null : registry.breakers(), manager == null ? null : manager.halts());
            NotificationTargets targets = notifications;
            ClusterView node = cluster;
            if (targets != null || node != null) {
                List<MetricSnapshot> all = new ArrayList<>();
                snapshots.forEach(all::add);
                if (targets != null) {
                    all.addAll(NotificationMetrics.of(targets.list()));
                }
                if (node != null) {
                    all.addAll(ClusterMetrics.of(node.nodeId(), node.stats()));
                }
                snapshots = new MetricSnapshots(all);
            }
        } catch (RuntimeException e) {
            LOG.error("Collecting metrics failed", e);
            Problems.write(response, ApiException.internal(), null);
            return;
        }
        response.setStatus(200);
        response.setContentType(PrometheusTextFormatWriter.CONTENT_TYPE);
        response.setHeader("Cache-Control", "no-store");
        // buffered, so the scrape goes out with a Content-Length in one write
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
        WRITER.write(out, snapshots, EscapingScheme.UNDERSCORE_ESCAPING);
        response.setContentLength(out.size());
        if (!"HEAD".equals(request.getMethod())) {
            out.writeTo(response.getOutputStream());
        }
    }
}
