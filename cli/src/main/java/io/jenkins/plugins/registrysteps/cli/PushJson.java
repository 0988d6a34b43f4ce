package io.jenkins.plugins.registrysteps.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.registrysteps.engine.run.PushRecord;

/** A push as {@code --json} shows it: registry, repository, tags, digest and size in bytes. */
final class PushJson {

    private PushJson() {
    }

    static ObjectNode of(PushRecord push) {
        ObjectNode node = DiagnosticOutput.JSON.createObjectNode().put("registry", push.registry())
                .put("repository", push.repository());
        push.tags().forEach(node.putArray("tags")::add);
        return node.put("digest", push.digest()).put("size", push.size());
    }
}
