package io.jenkins.plugins.registrysteps.engine.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The services of codeship-services.yml, in the order they were written. */
public record ServicesFile(String name, Map<String, Service> services) {

    public ServicesFile {
        services = Collections.unmodifiableMap(new LinkedHashMap<>(services));
    }

    public Optional<Service> service(String serviceName) {
        return Optional.ofNullable(services.get(serviceName));
    }

    public Set<String> names() {
        return services.keySet();
    }
}
