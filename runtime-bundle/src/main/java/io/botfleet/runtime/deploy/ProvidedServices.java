package io.botfleet.runtime.deploy;

import io.botfleet.api.exchange.ExchangeAdapter;
import io.botfleet.api.strategy.Strategy;
import io.botfleet.api.strategy.StrategyProperties;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.jar.Manifest;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * What a bundle jar offers Botfleet, read from its Declarative Services descriptors before it is
 * installed: the strategies (id and declared version, if any) and whether it has an exchange
 * adapter. A jar with neither is refused without touching the framework.
 *
 * @param strategies         strategy ids with their declared {@code strategy.version} (null: the bundle's)
 * @param exchangeAdapter    whether a component provides {@link ExchangeAdapter}
 */
public record ProvidedServices(List<StrategyDeclaration> strategies, boolean exchangeAdapter) {

    /** @param version the declared {@code strategy.version}, or null for the bundle version */
    public record StrategyDeclaration(String id, String version) {
    }

    static final String SERVICE_COMPONENT = "Service-Component";

    public boolean providesAnything() {
        return !strategies.isEmpty() || exchangeAdapter;
    }

    /** What a checked jar provides, read from its central directory as the framework will read it. */
    public static ProvidedServices of(CheckedJar jar) {
        String header = jar.manifest().map(m -> m.getMainAttributes().getValue(SERVICE_COMPONENT)).orElse(null);
        return of(header, jar::descriptor);
    }

    /**
     * @param header      the manifest's {@code Service-Component} header, or null
     * @param descriptors the descriptor at a path of the header, empty when the jar lacks it
     */
    public static ProvidedServices of(String header, Function<String, Optional<byte[]>> descriptors) {
        List<StrategyDeclaration> strategies = new ArrayList<>();
        boolean adapter = false;
        for (String path : paths(header)) {
            byte[] xml = descriptors.apply(path).orElseThrow(() ->
                    new DeployRefusedException("Service-Component names " + path + ", which the jar lacks"));
            adapter |= read(xml, path, strategies);
        }
        return new ProvidedServices(List.copyOf(strategies), adapter);
    }

    /** The descriptor paths a manifest's {@code Service-Component} header names. */
    static Set<String> descriptorPaths(Manifest manifest) {
        return Set.copyOf(paths(manifest.getMainAttributes().getValue(SERVICE_COMPONENT)));
    }

    private static List<String> paths(String header) {
        List<String> paths = new ArrayList<>();
        if (header != null) {
            for (String clause : header.split(",")) {
                String path = clause.trim().split(";")[0].trim();
                if (!path.isEmpty()) {
                    paths.add(path);
                }
            }
        }
        return paths;
    }

    /** Reads one descriptor; adds its strategies; returns whether it provides an exchange adapter. */
    private static boolean read(byte[] xml, String path, List<StrategyDeclaration> strategies) {
        Document doc = parse(xml, path);
        boolean adapter = false;
        NodeList components = doc.getElementsByTagNameNS("*", "component");
        for (int i = 0; i < components.getLength(); i++) {
            Element component = (Element) components.item(i);
            List<String> provided = values(component, "provide", "interface");
            if (provided.contains(ExchangeAdapter.class.getName())) {
                adapter = true;
            }
            if (provided.contains(Strategy.class.getName())) {
                Map<String, String> props = properties(component);
                String id = props.get(StrategyProperties.ID);
                if (id == null) {
                    throw new DeployRefusedException("component " + component.getAttribute("name")
                            + " provides a Strategy without a " + StrategyProperties.ID + " property");
                }
                strategies.add(new StrategyDeclaration(id, props.get(StrategyProperties.VERSION)));
            }
        }
        return adapter;
    }

    private static Document parse(byte[] xml, String path) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            // untrusted input: no DTDs, no external entities
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setExpandEntityReferences(false);
            return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new DeployRefusedException("component descriptor " + path + " is not valid XML: " + e.getMessage());
        }
    }

    private static List<String> values(Element parent, String tag, String attribute) {
        List<String> values = new ArrayList<>();
        NodeList nodes = parent.getElementsByTagNameNS("*", tag);
        for (int i = 0; i < nodes.getLength(); i++) {
            values.add(((Element) nodes.item(i)).getAttribute(attribute));
        }
        NodeList plain = parent.getElementsByTagName(tag);
        for (int i = 0; i < plain.getLength(); i++) {
            String v = ((Element) plain.item(i)).getAttribute(attribute);
            if (!values.contains(v)) {
                values.add(v);
            }
        }
        return values;
    }

    private static Map<String, String> properties(Element component) {
        Map<String, String> props = new HashMap<>();
        NodeList nodes = component.getElementsByTagNameNS("*", "property");
        for (int i = 0; i < nodes.getLength(); i++) {
            Element p = (Element) nodes.item(i);
            String value = p.hasAttribute("value") ? p.getAttribute("value") : p.getTextContent().trim();
            props.put(p.getAttribute("name"), value);
        }
        return props;
    }
}
