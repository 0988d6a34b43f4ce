package io.jenkins.plugins.registrysteps.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.registrysteps.engine.config.CodeshipConfig;
import io.jenkins.plugins.registrysteps.engine.config.ConfigException;
import io.jenkins.plugins.registrysteps.engine.config.Diagnostic;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code validate}: checks a services/steps pair and prints every error at once. */
@Command(name = "validate", description = "Check a services/steps pair; every error as FILE:LINE:COL: error: MESSAGE.")
final class ValidateCommand implements Callable<Integer> {

    @Mixin
    ConfigFiles files;

    @Option(names = "--json", description = "print the result as JSON")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        List<Diagnostic> diagnostics;
        String summary;
        try {
            CodeshipConfig config = files.load();
            diagnostics = config.warnings();
            summary = config.services().name() + " and " + config.steps().name() + " are valid: "
                    + config.services().services().size() + " services, " + countSteps(config) + " steps";
        } catch (ConfigException e) {
            diagnostics = e.diagnostics();
            summary = null;
        }
        if (json) {
            ObjectNode root = DiagnosticOutput.JSON.createObjectNode();
            root.put("valid", summary != null);
            root.set("diagnostics", DiagnosticOutput.json(diagnostics));
            spec.commandLine().getOut().println(DiagnosticOutput.JSON.writeValueAsString(root));
        } else {
            DiagnosticOutput.print(diagnostics, spec.commandLine().getErr());
            if (summary != null) {
                spec.commandLine().getOut().println(summary);
            }
        }
        return summary != null ? 0 : Main.BAD_INPUT;
    }

    private static int countSteps(CodeshipConfig config) {
        return count(config.steps().steps());
    }

    private static int count(List<io.jenkins.plugins.registrysteps.engine.config.StepSpec> steps) {
        int n = 0;
        for (var step : steps) {
            n += step.kind().isGroup() ? count(step.steps()) : 1;
        }
        return n;
    }
}
