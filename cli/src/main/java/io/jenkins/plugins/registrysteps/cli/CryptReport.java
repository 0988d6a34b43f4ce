package io.jenkins.plugins.registrysteps.cli;

import java.io.IOException;
import picocli.CommandLine;

/** How {@code encrypt} and {@code decrypt} end: a line on standard error, or JSON; an error is bad input (exit 2). */
final class CryptReport {

    private final CommandLine commandLine;
    private final boolean json;
    private final String in;
    private final String out;

    CryptReport(CommandLine commandLine, boolean json, String in, String out) {
        if (json && CryptFiles.STANDARD.equals(out)) {
            throw new CommandLine.ParameterException(commandLine, "--json needs an OUT file: standard output holds the data");
        }
        this.commandLine = commandLine;
        this.json = json;
        this.in = in;
        this.out = out;
    }

    int failed(IOException e) {
        commandLine.getErr().println("error: " + e.getMessage());
        return Main.BAD_INPUT;
    }

    /** @param format the format of the encrypted side: {@code v1} or {@code v2} */
    int done(String action, String format) throws IOException {
        if (json) {
            commandLine.getOut().println(DiagnosticOutput.JSON.writeValueAsString(DiagnosticOutput.JSON.createObjectNode()
                    .put("input", in).put("output", out).put("format", format)));
        } else if (!CryptFiles.STANDARD.equals(out)) {
            commandLine.getErr().println(action + " " + in + " to " + out + " (" + format + ")");
        }
        return 0;
    }
}
