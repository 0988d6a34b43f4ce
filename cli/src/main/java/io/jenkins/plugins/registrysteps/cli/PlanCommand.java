package io.jenkins.plugins.registrysteps.cli;

import io.jenkins.plugins.registrysteps.engine.config.CodeshipConfig;
import io.jenkins.plugins.registrysteps.engine.config.ConfigException;
import io.jenkins.plugins.registrysteps.engine.plan.BuildContext;
import io.jenkins.plugins.registrysteps.engine.plan.Plan;
import io.jenkins.plugins.registrysteps.engine.plan.PlanJson;
import io.jenkins.plugins.registrysteps.engine.plan.Planner;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code plan}: the steps that would run for a branch or tag, templates rendered. */
@Command(name = "plan", description = "Show the steps that would run for a branch or tag, with image tags rendered.")
final class PlanCommand implements Callable<Integer> {

    @Mixin
    ConfigFiles files;

    @Mixin
    BuildOptions build;

    @Option(names = "--json", description = "print the plan as JSON: {\"steps\": [NODE, ...]}")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        try {
            CodeshipConfig config = files.load();
            DiagnosticOutput.print(config.warnings(), err);
            BuildContext context = build.context(files.folder(), spec.commandLine());
            Plan plan = Planner.plan(config, context);
            spec.commandLine().getOut().println(json ? PlanJson.write(plan) : PlanText.render(plan));
            return 0;
        } catch (ConfigException e) {
            DiagnosticOutput.print(e.diagnostics(), err);
            return Main.BAD_INPUT;
        }
    }
}
