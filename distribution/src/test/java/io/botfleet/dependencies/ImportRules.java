package io.botfleet.dependencies;

import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.Manifest;

/**
 * The layering of Botfleet's bundles, checked on what bnd wrote into their manifests: the engine
 * ({@code io.botfleet.runtime}) serves no HTTP, and no Botfleet bundle reaches into another's
 * private packages; they meet only in the versioned API ({@code io.botfleet.api.*}).
 */
final class ImportRules {

    static final String ENGINE = "io.botfleet.runtime";
    static final String API = "io.botfleet.api";
    /** What only an HTTP face imports: servlets, the whiteboard, Jetty, Felix HTTP. */
    private static final List<String> HTTP_PACKAGES =
            List.of("jakarta.servlet", "org.osgi.service.servlet", "org.eclipse.jetty", "org.apache.felix.http");

    private ImportRules() {
    }

    /** One line per broken rule; empty when the bundle keeps them all. */
    static List<String> violations(Manifest manifest) {
        Attributes main = manifest.getMainAttributes();
        String bundle = symbolicName(main.getValue("Bundle-SymbolicName"));
        List<String> violations = new ArrayList<>();
        if (bundle == null || !bundle.startsWith("io.botfleet.") || bundle.equals(API)) {
            return violations;
        }
        for (String imported : packages(main.getValue("Import-Package"))) {
            if (bundle.equals(ENGINE) && HTTP_PACKAGES.stream().anyMatch(p -> inPackage(imported, p))) {
                violations.add(bundle + " imports " + imported + ": the engine serves no HTTP (control-api-bundle does)");
            }
            if (inPackage(imported, "io.botfleet") && !inPackage(imported, API)) {
                violations.add(bundle + " imports " + imported + ": another bundle's private package;"
                        + " bundles meet only in io.botfleet.api.*");
            }
        }
        return violations;
    }

    static String symbolicName(String header) {
        return header == null ? null : header.split(";", 2)[0].trim();
    }

    private static boolean inPackage(String name, String root) {
        return name.equals(root) || name.startsWith(root + ".");
    }

    /** The package names of an Import-Package header (commas inside quoted version ranges kept apart). */
    static List<String> packages(String header) {
        List<String> names = new ArrayList<>();
        if (header == null) {
            return names;
        }
        StringBuilder clause = new StringBuilder();
        boolean quoted = false;
        for (char c : (header + ",").toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == ',' && !quoted) {
                String name = clause.toString().split(";", 2)[0].trim();
                if (!name.isEmpty()) {
                    names.add(name);
                }
                clause.setLength(0);
            } else {
                clause.append(c);
            }
        }
        return names;
    }
}
