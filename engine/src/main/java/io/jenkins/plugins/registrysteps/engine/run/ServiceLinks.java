package io.jenkins.plugins.registrysteps.engine.run;

import io.jenkins.plugins.registrysteps.engine.config.Located;
import io.jenkins.plugins.registrysteps.engine.config.Service;
import io.jenkins.plugins.registrysteps.engine.config.ServicesFile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The services a step's service needs running beside it: its {@code links} and {@code depends_on}, and theirs in
 * turn, in the order to start them (a service after those it needs). Each answers to its name and to every alias a
 * {@code SERVICE:ALIAS} link gives it.
 */
final class ServiceLinks {

    /** A service to start before the step, and the names it is reachable by. */
    record LinkedService(Service service, List<String> aliases) {
    }

    private final ServicesFile services;
    private final Map<String, Set<String>> aliases = new LinkedHashMap<>();
    private final List<String> order = new ArrayList<>();

    private ServiceLinks(ServicesFile services) {
        this.services = services;
    }

    /** The services to start for a step on {@code service}, dependencies first; throws on a cycle, naming it. */
    static List<LinkedService> of(ServicesFile services, Service service) throws LinkCycleException {
        ServiceLinks links = new ServiceLinks(services);
        links.visit(service, new ArrayList<>(List.of(service.nameText())));
        List<LinkedService> linked = new ArrayList<>();
        for (String name : links.order) {
            linked.add(new LinkedService(services.service(name).orElseThrow(), List.copyOf(links.aliases.get(name))));
        }
        return linked;
    }

    private void visit(Service service, List<String> path) throws LinkCycleException {
        for (Located<String> link : needs(service)) {
            String spec = link.value().strip();
            int colon = spec.indexOf(':');
            String name = colon < 0 ? spec : spec.substring(0, colon);
            if (path.contains(name)) {
                List<String> cycle = new ArrayList<>(path.subList(path.indexOf(name), path.size()));
                cycle.add(name);
                throw new LinkCycleException(link.position() + ": services link each other in a circle ("
                        + String.join(" -> ", cycle) + "): remove one of these links or depends_on");
            }
            boolean first = !aliases.containsKey(name);
            Set<String> names = aliases.computeIfAbsent(name, n -> new LinkedHashSet<>(List.of(n)));
            if (colon >= 0) {
                names.add(spec.substring(colon + 1));
            }
            if (first) {
                path.add(name);
                visit(services.service(name).orElseThrow(), path);
                path.remove(path.size() - 1);
                order.add(name);
            }
        }
    }

    private static List<Located<String>> needs(Service service) {
        List<Located<String>> needs = new ArrayList<>(service.links());
        needs.addAll(service.dependsOn());
        return needs;
    }

    /** Services that need each other can never all start first. */
    static final class LinkCycleException extends Exception {

        private static final long serialVersionUID = 1L;

        LinkCycleException(String message) {
            super(message);
        }
    }
}
