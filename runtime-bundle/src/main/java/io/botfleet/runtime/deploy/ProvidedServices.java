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
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
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

    public boolean providesAnything() {
        return !strategies.isEmpty() || exchangeAdapter;
    }

    public static ProvidedServices of(byte[] jar) {
        Map<String, byte[]> entries = new HashMap<>();
        String header;
        try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(jar), false)) {
            Manifest manifest = in.getManifest();
            header = manifest == null ? null : manifest.getMainAttributes().getValue("Service-Component");
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                if (e.getName().endsWith(".xml")) {
                    entries.put(e.getName(), in.readAllBytes());
                }
            }
        } catch (IOException e) {
            throw new DeployRefusedException("not a jar: " + e.getMessage());
        }
        List<StrategyDeclaration> strategies = new ArrayList<>();
        boolean adapter = false;
        if (header != null) {
            for (String path : header.split(",")) {
                byte[] xml = entries.get(path.trim().split(";")[0].trim());
                if (xml == null) {
                    throw new DeployRefusedException("Service-Component names " + path.trim() + ", which the jar lacks");
                }
                adapter |= read(xml, path.trim(), strategies);
            }
        }
        return new ProvidedServices(List.copyOf(strategies), adapter);
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
