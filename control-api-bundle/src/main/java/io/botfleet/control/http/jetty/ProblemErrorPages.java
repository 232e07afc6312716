package io.botfleet.control.http.jetty;

import org.apache.felix.http.jetty.ConnectorFactory;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.LocalConnector;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.runtime.HttpServiceRuntime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installs {@link ProblemErrorHandler} as the Jetty server's error handler, so that the requests
 * Jetty refuses before any servlet context sees them are answered {@code application/problem+json}.
 *
 * <p>Why a {@link ConnectorFactory}: it is the only hook through which Felix HTTP hands out its
 * {@link Server}, and it has no setting for the error handler. The connector this factory
 * returns is Jetty's in-memory {@link LocalConnector}: it opens no socket and serves nothing.
 *
 * <p>Registered only once Felix HTTP runs (its {@link HttpServiceRuntime} is there): a factory
 * present while Felix HTTP first initialises Jetty makes that initialisation fail (it expects
 * every connector to be a network one), and then no servlet is served at all. A factory that
 * appears later is added to the running server. Bundles start in file name order, so this
 * bundle may well start before Felix HTTP.
 */
@Component(service = ConnectorFactory.class, immediate = true)
public class ProblemErrorPages implements ConnectorFactory {

    private static final Logger LOG = LoggerFactory.getLogger(ProblemErrorPages.class);

    @Reference
    HttpServiceRuntime httpRunning;

    private Server server;
    private Request.Handler previous;

    @Override
    public synchronized Connector createConnector(Server jetty) {
        server = jetty;
        previous = jetty.getErrorHandler();
        jetty.setErrorHandler(new ProblemErrorHandler());
        LOG.debug("Jetty error pages are problem documents");
        return new LocalConnector(jetty);
    }

    @Deactivate
    synchronized void deactivate() {
        if (server != null && server.getErrorHandler() instanceof ProblemErrorHandler) {
            server.setErrorHandler(previous);
        }
        server = null;
        previous = null;
    }
}
