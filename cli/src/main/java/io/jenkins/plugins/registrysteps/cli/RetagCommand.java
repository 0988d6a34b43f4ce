package io.jenkins.plugins.registrysteps.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.registrysteps.engine.config.ConfigException;
import io.jenkins.plugins.registrysteps.engine.image.ImageReference;
import io.jenkins.plugins.registrysteps.engine.registry.Digest;
import io.jenkins.plugins.registrysteps.engine.registry.RegistryException;
import io.jenkins.plugins.registrysteps.engine.registry.Retagger;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code retag IMAGE TAG...}: adds tags in the image's registry, moving no blob. */
@Command(name = "retag", description = "Add tags to an image in its registry; moves no blob.")
final class RetagCommand implements Callable<Integer> {

    private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");

    @Parameters(index = "0", paramLabel = "IMAGE", description = "image to tag, e.g. 127.0.0.1:5000/team/app:1.2")
    String image;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "TAG", description = "tags to add")
    List<String> tags;

    @Mixin
    RegistryOptions registries;

    @Option(names = "--json", description = "print the result as JSON")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        ImageReference reference = RegistryOptions.image(image, spec.commandLine());
        for (String tag : tags) {
            if (!TAG.matcher(tag).matches()) {
                throw new CommandLine.ParameterException(spec.commandLine(), "invalid tag \"" + tag
                        + "\": a tag is up to 128 letters, digits, '_', '.' and '-', not starting with '.' or '-'");
            }
        }
        try {
            Digest digest = new Retagger(registries.client()).retag(reference, tags);
            if (json) {
                ObjectNode node = DiagnosticOutput.JSON.createObjectNode().put("image", reference.toString())
                        .put("digest", digest.toString());
                ArrayNode added = node.putArray("tags");
                tags.forEach(added::add);
                spec.commandLine().getOut().println(DiagnosticOutput.JSON.writeValueAsString(node));
            } else {
                spec.commandLine().getOut().println(digest);
                tags.forEach(tag -> spec.commandLine().getErr().println("tagged " + reference.withTag(tag)));
            }
            return 0;
        } catch (RegistryException e) {
            return registries.failed(e, spec.commandLine().getErr());
        } catch (ConfigException e) {
            return RegistryOptions.invalid(e, spec.commandLine().getErr());
        }
    }
}
