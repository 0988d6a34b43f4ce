package io.jenkins.plugins.registrysteps.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code registry-steps}: Codeship Pro pipelines and registry pushes from the command line. */
@Command(name = "registry-steps", mixinStandardHelpOptions = true, version = "registry-steps 0.1.0",
        description = "Runs Codeship Pro services/steps pairs and pushes images to registries.",
        subcommands = {DemoCommand.class, ValidateCommand.class, PlanCommand.class, StepsCommand.class, PushCommand.class,
            CopyCommand.class, RetagCommand.class, EncryptCommand.class, DecryptCommand.class, GenerateKeyCommand.class,
            CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    /** Exit code for a failed step, build, push or copy. */
    static final int FAILED = 1;
    /** Exit code for bad input: usage, invalid files, unknown registry, missing credentials or key. */
    static final int BAD_INPUT = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(new java.io.PrintWriter(System.out, true), new java.io.PrintWriter(System.err, true), args));
    }

    static int run(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
        CommandLine commandLine = new CommandLine(new Main()).setOut(out).setErr(err);
        commandLine.setExitCodeExceptionMapper(e -> BAD_INPUT);
        commandLine.setParameterExceptionHandler((e, a) -> {
            e.getCommandLine().getErr().println("error: " + e.getMessage());
            e.getCommandLine().usage(e.getCommandLine().getErr());
            return BAD_INPUT;
        });
        return commandLine.execute(args);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command");
    }
}
