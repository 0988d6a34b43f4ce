package io.jenkins.plugins.registrysteps.engine.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A command as Codeship runs it: split into arguments with quotes respected, never given to a shell, so
 * {@code &&}, {@code |} and {@code >} stay literal arguments.
 */
public record CommandLine(String text, List<String> args, Position position) {

    public CommandLine {
        Objects.requireNonNull(text, "text");
        args = List.copyOf(args);
    }

    /** Splits {@code text}; single quotes keep everything, double quotes and backslashes escape as in a shell. */
    public static CommandLine parse(String text, Position position) {
        return new CommandLine(text, split(text), position);
    }

    public static CommandLine of(List<String> args, Position position) {
        return new CommandLine(String.join(" ", args.stream().map(CommandLine::quoted).toList()), args, position);
    }

    static List<String> split(String text) {
        List<String> args = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote == '\'') {
                if (c == '\'') {
                    quote = 0;
                } else {
                    current.append(c);
                }
            } else if (quote == '"') {
                if (c == '"') {
                    quote = 0;
                } else if (c == '\\' && i + 1 < text.length() && "\"\\$`\n".indexOf(text.charAt(i + 1)) >= 0) {
                    current.append(text.charAt(++i));
                } else {
                    current.append(c);
                }
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    args.add(current.toString());
                    current.setLength(0);
                    inWord = false;
                }
            } else {
                inWord = true;
                if (c == '\'' || c == '"') {
                    quote = c;
                } else if (c == '\\' && i + 1 < text.length()) {
                    current.append(text.charAt(++i));
                } else {
                    current.append(c);
                }
            }
        }
        if (quote != 0) {
            throw new IllegalArgumentException("the command has an unterminated " + (quote == '"' ? "double" : "single")
                    + " quote: close it, or quote the whole command differently");
        }
        if (inWord) {
            args.add(current.toString());
        }
        return args;
    }

    private static String quoted(String arg) {
        if (!arg.isEmpty() && arg.chars().noneMatch(c -> Character.isWhitespace(c) || "'\"\\".indexOf(c) >= 0)) {
            return arg;
        }
        return "'" + arg.replace("'", "'\"'\"'") + "'";
    }

    @Override
    public String toString() {
        return text;
    }
}
