package io.jenkins.plugins.registrysteps.engine.template;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Parses Go text/template syntax: text, {@code {{ pipelines }}}, trim markers, comments, if/else/with/end. */
final class TemplateParser {

    static final int MAX_LENGTH = 4096;
    private static final int MAX_DEPTH = 100;
    private static final Set<String> UNSUPPORTED = Set.of("range", "template", "define", "block", "break", "continue");

    private final String source;
    private final List<Segment> segments = new ArrayList<>();
    private int next;

    /** A run of text, or the inside of one action with where it starts. */
    private record Segment(String text, boolean action, int offset) {
    }

    private record Token(Kind kind, String text, int offset) {
        int end() {
            return offset + text.length();
        }
    }

    private enum Kind { FIELD, ROOT, DOT, STRING, NUMBER, IDENT, PIPE, OPEN, CLOSE, VARIABLE }

    private TemplateParser(String source) {
        this.source = source;
    }

    static List<Node> parse(String source) throws TemplateException {
        if (source.length() > MAX_LENGTH) {
            throw new TemplateException("template is longer than " + MAX_LENGTH + " characters", MAX_LENGTH);
        }
        TemplateParser parser = new TemplateParser(source);
        parser.split();
        List<Node> nodes = new ArrayList<>();
        String end = parser.nodes(nodes, true);
        if (end != null) {
            throw new TemplateException("unexpected {{" + end + "}}", parser.segments.get(parser.next - 1).offset());
        }
        return nodes;
    }

    /** Cuts the source into text and actions, applying {@code {{- } and {@code -}}} trim markers. */
    private void split() throws TemplateException {
        int i = 0;
        boolean trimNext = false;
        while (i < source.length()) {
            int open = source.indexOf("{{", i);
            String text = source.substring(i, open < 0 ? source.length() : open);
            if (trimNext) {
                text = text.stripLeading();
            }
            if (open < 0) {
                addText(text);
                return;
            }
            int start = open + 2;
            boolean trimLeft = source.startsWith("- ", start) || source.startsWith("-\t", start) || source.startsWith("-\n", start);
            addText(trimLeft ? text.stripTrailing() : text);
            if (trimLeft) {
                start++;
            }
            int close = closing(start, open);
            boolean trimRight = close - 2 >= start && Character.isWhitespace(source.charAt(close - 2)) && source.charAt(close - 1) == '-';
            int bodyEnd = trimRight ? close - 1 : close;
            String body = source.substring(start, bodyEnd);
            if (!isComment(body)) {
                segments.add(new Segment(body, true, start));
            }
            trimNext = trimRight;
            i = close + 2;
        }
    }

    private void addText(String text) {
        if (!text.isEmpty()) {
            segments.add(new Segment(text, false, 0));
        }
    }

    private static boolean isComment(String body) {
        String trimmed = body.strip();
        return trimmed.startsWith("/*") && trimmed.endsWith("*/");
    }

    /** Where {@code }}} closes the action, skipping quoted text and comments. */
    private int closing(int from, int open) throws TemplateException {
        int i = from;
        while (i < source.length()) {
            char c = source.charAt(i);
            if (source.startsWith("}}", i)) {
                return i;
            }
            if (source.startsWith("/*", i)) {
                int end = source.indexOf("*/", i + 2);
                if (end < 0) {
                    throw new TemplateException("unclosed comment", i);
                }
                i = end + 2;
            } else if (c == '"' || c == '`' || c == '\'') {
                i = endOfQuote(i);
            } else {
                i++;
            }
        }
        throw new TemplateException("unclosed action: add }}", open);
    }

    private int endOfQuote(int at) throws TemplateException {
        char quote = source.charAt(at);
        for (int i = at + 1; i < source.length(); i++) {
            char c = source.charAt(i);
            if (c == '\\' && quote != '`') {
                i++;
            } else if (c == quote) {
                return i + 1;
            } else if (c == '\n' && quote != '`') {
                break;
            }
        }
        throw new TemplateException(quote == '`' ? "unterminated raw quoted string" : "unterminated quoted string", at);
    }

    /** Parses nodes until the end or a control word; returns that word (end, else, else if ...) or null at the end. */
    private String nodes(List<Node> into, boolean topLevel) throws TemplateException {
        while (next < segments.size()) {
            Segment segment = segments.get(next++);
            if (!segment.action()) {
                into.add(new Node.Text(segment.text()));
                continue;
            }
            List<Token> tokens = tokens(segment);
            if (tokens.isEmpty()) {
                throw new TemplateException("missing value for command", segment.offset());
            }
            Token first = tokens.get(0);
            if (first.kind() == Kind.IDENT) {
                switch (first.text()) {
                    case "if" -> {
                        into.add(ifNode(tokens.subList(1, tokens.size()), first));
                        continue;
                    }
                    case "with" -> {
                        into.add(withNode(tokens.subList(1, tokens.size()), first));
                        continue;
                    }
                    case "end" -> {
                        return "end";
                    }
                    case "else" -> {
                        return tokens.size() > 1 ? "else " + segment.text().strip().substring(4).strip() : "else";
                    }
                    default -> {
                        if (UNSUPPORTED.contains(first.text())) {
                            throw new TemplateException("{{" + first.text() + "}} is not supported in image_tag templates", first.offset());
                        }
                    }
                }
            }
            into.add(new Node.Action(pipeline(tokens, 0, tokens.size(), 0)));
        }
        return null;
    }

    private Node ifNode(List<Token> condition, Token keyword) throws TemplateException {
        List<Node.Arm> arms = new ArrayList<>();
        List<Node> otherwise = new ArrayList<>();
        Node.Pipeline pipeline = condition(condition, keyword);
        while (true) {
            List<Node> body = new ArrayList<>();
            String end = nodes(body, false);
            arms.add(new Node.Arm(pipeline, body));
            if (end == null) {
                throw new TemplateException("unexpected EOF: {{if}} needs {{end}}", keyword.offset());
            }
            if (end.equals("end")) {
                return new Node.If(arms, otherwise);
            }
            if (end.equals("else")) {
                if (!"end".equals(nodes(otherwise, false))) {
                    throw new TemplateException("unexpected EOF: {{else}} needs {{end}}", keyword.offset());
                }
                return new Node.If(arms, otherwise);
            }
            if (!end.startsWith("else if")) {
                throw new TemplateException("expected end; found {{" + end + "}}", keyword.offset());
            }
            List<Token> tokens = tokens(segments.get(next - 1));
            pipeline = condition(tokens.subList(2, tokens.size()), tokens.get(1));
        }
    }

    private Node withNode(List<Token> value, Token keyword) throws TemplateException {
        Node.Pipeline pipeline = condition(value, keyword);
        List<Node> body = new ArrayList<>();
        List<Node> otherwise = new ArrayList<>();
        String end = nodes(body, false);
        if ("else".equals(end)) {
            end = nodes(otherwise, false);
        }
        if (!"end".equals(end)) {
            throw new TemplateException("unexpected EOF: {{with}} needs {{end}}", keyword.offset());
        }
        return new Node.With(pipeline, body, otherwise);
    }

    private Node.Pipeline condition(List<Token> tokens, Token keyword) throws TemplateException {
        if (tokens.isEmpty()) {
            throw new TemplateException("missing value for " + keyword.text(), keyword.offset());
        }
        return pipeline(tokens, 0, tokens.size(), 0);
    }

    private Node.Pipeline pipeline(List<Token> tokens, int from, int to, int depth) throws TemplateException {
        if (depth > MAX_DEPTH) {
            throw new TemplateException("parentheses nest deeper than " + MAX_DEPTH, tokens.get(from).offset());
        }
        List<Node.Command> commands = new ArrayList<>();
        int i = from;
        while (i < to) {
            List<Node.Operand> operands = new ArrayList<>();
            int start = i;
            while (i < to && tokens.get(i).kind() != Kind.PIPE) {
                Token token = tokens.get(i);
                if (token.kind() == Kind.OPEN) {
                    int close = matching(tokens, i, to);
                    operands.add(new Node.Group(pipeline(tokens, i + 1, close, depth + 1), token.offset()));
                    i = close + 1;
                    continue;
                }
                operands.add(operand(token));
                i++;
            }
            if (operands.isEmpty()) {
                throw new TemplateException("missing command", start < to ? tokens.get(start).offset() : tokens.get(to - 1).end());
            }
            if (i < to && i + 1 == to) {
                throw new TemplateException("missing command after |", tokens.get(i).offset());
            }
            commands.add(new Node.Command(operands, operands.get(0).offset()));
            i++;
        }
        return new Node.Pipeline(commands, tokens.get(from).offset());
    }

    private static int matching(List<Token> tokens, int open, int to) throws TemplateException {
        int depth = 0;
        for (int i = open; i < to; i++) {
            Kind kind = tokens.get(i).kind();
            depth += kind == Kind.OPEN ? 1 : kind == Kind.CLOSE ? -1 : 0;
            if (depth == 0) {
                return i;
            }
        }
        throw new TemplateException("unclosed left paren", tokens.get(open).offset());
    }

    private Node.Operand operand(Token token) throws TemplateException {
        return switch (token.kind()) {
            case DOT -> new Node.Dot(token.offset());
            case FIELD, ROOT -> field(token);
            case STRING -> new Node.Literal(unquote(token), token.offset());
            case NUMBER -> new Node.Literal(number(token), token.offset());
            case IDENT -> switch (token.text()) {
                case "true", "false" -> new Node.Literal(Boolean.valueOf(token.text()), token.offset());
                case "nil" -> new Node.Literal(null, token.offset());
                default -> {
                    if (!Execution.isFunction(token.text())) {
                        throw new TemplateException("function \"" + token.text() + "\" not defined", token.offset());
                    }
                    yield new Node.Function(token.text(), token.offset());
                }
            };
            case VARIABLE -> throw new TemplateException("variables are not supported in image_tag templates: "
                    + "use the value directly, as in {{ .Branch }}", token.offset());
            case CLOSE -> throw new TemplateException("unexpected right paren", token.offset());
            default -> throw new TemplateException("unexpected \"" + token.text() + "\" in operand", token.offset());
        };
    }

    private Node.Field field(Token token) {
        boolean fromRoot = token.kind() == Kind.ROOT;
        String chain = fromRoot ? token.text().substring(1) : token.text();
        return new Node.Field(List.of(chain.substring(1).split("\\.")), fromRoot, token.offset());
    }

    private List<Token> tokens(Segment segment) throws TemplateException {
        List<Token> tokens = new ArrayList<>();
        String text = segment.text();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            int at = segment.offset() + i;
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '/' && text.startsWith("/*", i)) {
                throw new TemplateException("comment ends before closing delimiter", at);
            } else if (c == '|') {
                tokens.add(new Token(Kind.PIPE, "|", at));
                i++;
            } else if (c == '(' || c == ')') {
                tokens.add(new Token(c == '(' ? Kind.OPEN : Kind.CLOSE, String.valueOf(c), at));
                i++;
            } else if (c == '"' || c == '`' || c == '\'') {
                int end = endOfQuote(at) - segment.offset();
                tokens.add(new Token(c == '\'' ? Kind.NUMBER : Kind.STRING, text.substring(i, end), at));
                i = end;
            } else if (c == '.' && (i + 1 >= text.length() || !isWordChar(text.charAt(i + 1)))) {
                tokens.add(new Token(Kind.DOT, ".", at));
                i++;
            } else if (c == '.' || c == '$') {
                int end = i + 1;
                while (end < text.length() && (isWordChar(text.charAt(end)) || text.charAt(end) == '.' && end + 1 < text.length()
                        && isWordChar(text.charAt(end + 1)))) {
                    end++;
                }
                String word = text.substring(i, end);
                Kind kind = c == '.' ? Kind.FIELD : word.startsWith("$.") ? Kind.ROOT : Kind.VARIABLE;
                if (kind == Kind.VARIABLE && word.equals("$")) {
                    kind = Kind.VARIABLE;
                }
                tokens.add(new Token(kind, word, at));
                i = end;
            } else if (Character.isDigit(c) || (c == '-' || c == '+') && i + 1 < text.length() && Character.isDigit(text.charAt(i + 1))) {
                int end = i + 1;
                while (end < text.length() && (Character.isLetterOrDigit(text.charAt(end)) || ".+-_".indexOf(text.charAt(end)) >= 0)) {
                    end++;
                }
                tokens.add(new Token(Kind.NUMBER, text.substring(i, end), at));
                i = end;
            } else if (Character.isLetter(c) || c == '_') {
                int end = i;
                while (end < text.length() && isWordChar(text.charAt(end))) {
                    end++;
                }
                tokens.add(new Token(Kind.IDENT, text.substring(i, end), at));
                i = end;
            } else if (c == ':' || c == '=') {
                throw new TemplateException("variables are not supported in image_tag templates", at);
            } else {
                throw new TemplateException("unexpected \"" + c + "\" in command", at);
            }
        }
        return tokens;
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    private static String unquote(Token token) throws TemplateException {
        String text = token.text();
        String body = text.substring(1, text.length() - 1);
        if (text.charAt(0) == '`') {
            return body;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char e = body.charAt(++i);
            switch (e) {
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                case '\\', '"', '\'' -> out.append(e);
                case 'x' -> {
                    out.append((char) Integer.parseInt(body.substring(i + 1, i + 3), 16));
                    i += 2;
                }
                case 'u' -> {
                    out.append((char) Integer.parseInt(body.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                default -> throw new TemplateException("unknown escape sequence \\" + e, token.offset() + i);
            }
        }
        return out.toString();
    }

    private static Object number(Token token) throws TemplateException {
        String text = token.text().replace("_", "");
        try {
            if (text.startsWith("'")) {
                return (long) unquote(new Token(Kind.STRING, "\"" + text.substring(1, text.length() - 1) + "\"", token.offset()))
                        .codePointAt(0);
            }
            if (text.matches("[+-]?0[xX][0-9a-fA-F]+")) {
                return Long.parseLong(text.replaceFirst("0[xX]", ""), 16);
            }
            if (text.matches("[+-]?\\d+")) {
                return Long.parseLong(text);
            }
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new TemplateException("bad number syntax: \"" + token.text() + "\"", token.offset());
        }
    }
}
