package io.jenkins.plugins.registrysteps.engine.plan;

import io.jenkins.plugins.registrysteps.engine.config.CommandLine;
import io.jenkins.plugins.registrysteps.engine.config.Located;
import io.jenkins.plugins.registrysteps.engine.config.Position;
import java.util.List;

/** Runs {@code command} in a container of {@code service}. */
public record RunStep(String name, Position position, String service, CommandLine command, LoginSource login,
        List<Located<String>> encryptedEnvFiles) implements PlanStep {

    public RunStep {
        encryptedEnvFiles = List.copyOf(encryptedEnvFiles);
    }
}
