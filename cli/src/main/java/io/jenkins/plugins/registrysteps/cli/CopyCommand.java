package io.jenkins.plugins.registrysteps.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.registrysteps.engine.config.ConfigException;
import io.jenkins.plugins.registrysteps.engine.image.ImageReference;
import io.jenkins.plugins.registrysteps.engine.registry.CopyResult;
import io.jenkins.plugins.registrysteps.engine.registry.ImageCopier;
import io.jenkins.plugins.registrysteps.engine.registry.RegistryException;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code copy SRC DST}: promotes an image between repositories or registries without a daemon. */
@Command(name = "copy", description = "Copy an image between repositories or registries without a Docker daemon; prints the digest.")
final class CopyCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "SRC", description = "image to copy, e.g. registry.example.com/team/app:1.2")
    String source;

    @Parameters(index = "1", paramLabel = "DST", description = "where to copy it, e.g. 127.0.0.1:5000/prod/app:1.2")
    String target;

    @Mixin
    RegistryOptions registries;

    @Option(names = "--json", description = "print the result as JSON")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        ImageReference from = RegistryOptions.image(source, spec.commandLine());
        ImageReference to = RegistryOptions.image(target, spec.commandLine());
        try {
            CopyResult result = new ImageCopier(registries.client()).copy(from, to);
            if (json) {
                ObjectNode node = DiagnosticOutput.JSON.createObjectNode()
                        .put("source", from.toString()).put("target", to.toString())
                        .put("digest", result.digest().toString()).put("mediaType", result.mediaType())
                        .put("blobsSkipped", result.blobsSkipped()).put("blobsMounted", result.blobsMounted())
                        .put("blobsUploaded", result.blobsUploaded()).put("bytesUploaded", result.bytesUploaded());
                spec.commandLine().getOut().println(DiagnosticOutput.JSON.writeValueAsString(node));
            } else {
                spec.commandLine().getOut().println(result.digest());
                spec.commandLine().getErr().printf("copied %s to %s: %d blobs uploaded (%d bytes), %d mounted, %d already there%n",
                        from, to, result.blobsUploaded(), result.bytesUploaded(), result.blobsMounted(), result.blobsSkipped());
            }
            return 0;
        } catch (RegistryException e) {
            return registries.failed(e, spec.commandLine().getErr());
        } catch (ConfigException e) {
            return RegistryOptions.invalid(e, spec.commandLine().getErr());
        }
    }
}
