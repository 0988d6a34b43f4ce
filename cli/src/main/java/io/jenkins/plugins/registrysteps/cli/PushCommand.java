package io.jenkins.plugins.registrysteps.cli;

import io.jenkins.plugins.registrysteps.engine.config.ConfigException;
import io.jenkins.plugins.registrysteps.engine.docker.DockerDaemon;
import io.jenkins.plugins.registrysteps.engine.docker.DockerEndpoint;
import io.jenkins.plugins.registrysteps.engine.image.ImageReference;
import io.jenkins.plugins.registrysteps.engine.run.ImagePusher;
import io.jenkins.plugins.registrysteps.engine.run.PushRecord;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code push IMAGE --tag T... --registry R}: pushes an image of the Docker daemon, as Wercker's and Codefresh's push steps do. */
@Command(name = "push", description = "Push an image from the Docker daemon under one or more tags; prints the digest.")
final class PushCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "IMAGE", description = "local image, e.g. registry-steps/demo-app or app:1.2")
    String image;

    @Option(names = "--tag", paramLabel = "TAG", description = "tag to push (repeatable; default: IMAGE's tag, else latest)")
    List<String> tags = new ArrayList<>();

    @Option(names = "--registry", paramLabel = "HOST[:PORT]",
            description = "registry to push to (repeatable: one save, each registry with its own login; default: IMAGE's)")
    List<String> registryHosts = new ArrayList<>();

    @Option(names = "--image-name", paramLabel = "NAME", description = "repository in the registry (default: IMAGE's)")
    String imageName;

    @Option(names = "--docker-host", paramLabel = "URI", description = "Docker daemon (default: DOCKER_HOST, else the local socket)")
    String dockerHost;

    @Mixin
    RegistryOptions registries;

    @Option(names = "--json", description = "print the result as JSON")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        ImageReference local = RegistryOptions.image(image, spec.commandLine());
        List<ImageReference> targets = new ArrayList<>();
        for (String registry : registryHosts.isEmpty() ? Collections.singletonList((String) null) : registryHosts) {
            targets.add(RegistryOptions.image((registry != null ? registry + "/" : "")
                    + (imageName != null ? imageName : local.path()), spec.commandLine()));
        }
        List<String> pushTags = !tags.isEmpty() ? tags : List.of(local.tag() != null ? local.tag() : "latest");
        Map<String, String> env = new HashMap<>(System.getenv());
        if (dockerHost != null) {
            env.put("DOCKER_HOST", dockerHost);
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (DockerDaemon daemon = DockerDaemon.connect(DockerEndpoint.fromEnvironment(env, Path.of(System.getProperty("user.home"))))) {
            List<PushRecord> pushes = new ImagePusher(daemon, registries.client()).push(image, targets, pushTags,
                    registries.logins.logins().build().resolver(), err::println);
            if (json) {
                // one registry: the push as an object; several: an array of them
                out.println(DiagnosticOutput.JSON.writeValueAsString(pushes.size() == 1 ? PushJson.of(pushes.get(0))
                        : DiagnosticOutput.JSON.valueToTree(pushes.stream().map(PushJson::of).toList())));
            } else {
                out.println(pushes.get(0).digest());
                pushes.forEach(pushed -> err.printf("pushed %s (%d bytes)%n", pushed, pushed.size()));
            }
            return 0;
        } catch (IOException e) {
            return registries.failed(e, err);
        } catch (ConfigException e) {
            return RegistryOptions.invalid(e, err);
        }
    }
}
