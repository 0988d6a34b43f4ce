package io.jenkins.plugins.registrysteps.engine.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.registrysteps.engine.config.ConfigLoader;
import io.jenkins.plugins.registrysteps.engine.config.ServicesFile;
import io.jenkins.plugins.registrysteps.engine.run.ServiceLinks.LinkedService;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServiceLinksTest {

    private static ServicesFile services(String yaml) throws Exception {
        return ConfigLoader.parse("codeship-services.yml", yaml.getBytes(StandardCharsets.UTF_8), "codeship-steps.yml",
                "- service: app\n  command: true\n".getBytes(StandardCharsets.UTF_8)).services();
    }

    private static List<String> started(ServicesFile services, String service) throws Exception {
        return ServiceLinks.of(services, services.service(service).orElseThrow()).stream()
                .map(link -> link.service().nameText() + "=" + String.join(",", link.aliases())).toList();
    }

    @Test
    void serviceWithoutLinksStartsNothing() throws Exception {
        assertThat(started(services("app:\n  image: busybox\n"), "app")).isEmpty();
    }

    @Test
    void dependenciesStartBeforeWhatNeedsThemAndOnlyOnce() throws Exception {
        ServicesFile services = services("""
                app:
                  image: busybox
                  links: [api, cache]
                  depends_on: [db]
                api:
                  image: busybox
                  depends_on: [db, cache]
                cache:
                  image: busybox
                db:
                  image: busybox
                """);
        assertThat(started(services, "app")).containsExactly("db=db", "cache=cache", "api=api");
    }

    @Test
    void linkAliasesAddNamesBesideTheServiceName() throws Exception {
        ServicesFile services = services("""
                app:
                  image: busybox
                  links: ["web:frontend", "web:www"]
                web:
                  image: busybox
                """);
        List<LinkedService> linked = ServiceLinks.of(services, services.service("app").orElseThrow());
        assertThat(linked).singleElement().extracting(LinkedService::aliases).isEqualTo(List.of("web", "frontend", "www"));
    }

    @Test
    void circleOfLinksIsNamedWithWhereItCloses() throws Exception {
        ServicesFile services = services("""
                app:
                  image: busybox
                  links: [a]
                a:
                  image: busybox
                  depends_on: [b]
                b:
                  image: busybox
                  links: [a]
                """);
        assertThatThrownBy(() -> ServiceLinks.of(services, services.service("app").orElseThrow()))
                .hasMessage("codeship-services.yml:9:11: services link each other in a circle (a -> b -> a):"
                        + " remove one of these links or depends_on");
    }
}
