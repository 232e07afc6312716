package io.botfleet.runtime.health;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.component.runtime.dto.UnsatisfiedReferenceDTO;

/**
 * What keeps Botfleet's bundles ({@code io.botfleet.*}) from running as they should, read from
 * the framework and from SCR's DTOs.
 *
 * <p>Only bundles meant to run count: a bundle an operator stopped on purpose (say, an old
 * strategy version kept for rollback) is not persistently started and is left alone; one that
 * should run but is not ACTIVE (unresolved, activator failed) is a problem. A component disabled
 * on purpose, or waiting for a required configuration that nobody gave (an exchange account
 * factory with no account), is not a problem either.
 */
final class BotfleetBundles {

    static final String SYMBOLIC_NAME_PREFIX = "io.botfleet.";

    private final BundleContext context;
    private final ServiceComponentRuntime scr;

    BotfleetBundles(BundleContext context, ServiceComponentRuntime scr) {
        this.context = context;
        this.scr = scr;
    }

    /** One line per problem; empty when every Botfleet bundle and component is fine. */
    List<String> problems() {
        List<String> problems = new ArrayList<>();
        for (Bundle bundle : botfleetBundles()) {
            if (bundle.getState() != Bundle.ACTIVE) {
                if (shouldRun(bundle)) {
                    problems.add("bundle " + describe(bundle) + " is " + BundleStates.name(bundle.getState()));
                }
                continue;
            }
            for (ComponentDescriptionDTO description : scr.getComponentDescriptionDTOs(bundle)) {
                if (scr.isComponentEnabled(description)) {
                    for (ComponentConfigurationDTO configuration : scr.getComponentConfigurationDTOs(description)) {
                        problem(description, configuration, bundle).ifPresent(problems::add);
                    }
                }
            }
        }
        return problems;
    }

    long activeCount() {
        return botfleetBundles().stream().filter(bundle -> bundle.getState() == Bundle.ACTIVE).count();
    }

    long satisfiedComponentCount() {
        return botfleetBundles().stream().filter(bundle -> bundle.getState() == Bundle.ACTIVE)
                .flatMap(bundle -> scr.getComponentDescriptionDTOs(bundle).stream())
                .flatMap(description -> scr.getComponentConfigurationDTOs(description).stream())
                .filter(configuration -> configuration.state >= ComponentConfigurationDTO.SATISFIED
                        && configuration.state != ComponentConfigurationDTO.FAILED_ACTIVATION)
                .count();
    }

    private List<Bundle> botfleetBundles() {
        return Arrays.stream(context.getBundles())
                .filter(bundle -> bundle.getSymbolicName() != null
                        && bundle.getSymbolicName().startsWith(SYMBOLIC_NAME_PREFIX))
                .filter(bundle -> bundle.getHeaders("").get(Constants.FRAGMENT_HOST) == null)
                .toList();
    }

    private static boolean shouldRun(Bundle bundle) {
        BundleStartLevel startLevel = bundle.adapt(BundleStartLevel.class);
        return startLevel != null && startLevel.isPersistentlyStarted();
    }

    private static Optional<String> problem(ComponentDescriptionDTO description,
                                                      ComponentConfigurationDTO configuration, Bundle bundle) {
        String component = "component " + description.name + " (" + describe(bundle) + ")";
        return switch (configuration.state) {
            case ComponentConfigurationDTO.UNSATISFIED_CONFIGURATION ->
                    Optional.of(component + " is waiting for its configuration");
            case ComponentConfigurationDTO.UNSATISFIED_REFERENCE ->
                    Optional.of(component + " is missing " + missing(configuration.unsatisfiedReferences));
            case ComponentConfigurationDTO.FAILED_ACTIVATION ->
                    Optional.of(component + " failed to activate: " + firstLine(configuration.failure));
            default -> Optional.empty();
        };
    }

    private static String missing(UnsatisfiedReferenceDTO[] references) {
        return Arrays.stream(references)
                .map(reference -> reference.name + (reference.target == null ? "" : " " + reference.target))
                .collect(Collectors.joining(", "));
    }

    /** SCR gives the whole stack trace; its first line says what went wrong. */
    private static String firstLine(String failure) {
        if (failure == null) {
            return "(no reason given)";
        }
        int end = failure.indexOf('\n');
        return (end < 0 ? failure : failure.substring(0, end)).trim();
    }

    private static String describe(Bundle bundle) {
        return bundle.getSymbolicName() + " " + bundle.getVersion();
    }
}
