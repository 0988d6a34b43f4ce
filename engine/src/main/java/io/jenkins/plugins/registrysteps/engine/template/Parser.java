package io.jenkins.plugins.registrysteps.engine.template;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/** Go's text/template/parse, restricted to what image_tag templates need: actions, if/else, with. */
final class Parser {
    static final int MAX_DEPTH = 100;

    private final String text;
    private final List<Token> tokens;
    private int next;
    private int depth;

    private record Parsed(Node node, String control, int offset) {
    }

    private record ItemList(List<Node> nodes, String control, int offset) {
    }

    private Parser(String text) {
        this.text = text;
        this.tokens = Lexer.tokens(text);
    }

    static List<Node> parse(String text) throws TemplateException {
        return new Parser(text).root();
    }

    private List<Node> root() throws TemplateException {
        List<Node> nodes = new ArrayList<>();
        while (peek().kind() != Token.Kind.EOF) {
            Parsed parsed = textOrAction();
            if (parsed.control != null) {
                throw error("unexpected {{" + parsed.control + "}}", parsed.offset);
            }
            nodes.add(parsed.node);
        }
        return nodes;
    }

    private Parsed textOrAction() throws TemplateException {
        Token token = nextNonSpace();
        return switch (token.kind()) {
            case TEXT -> new Parsed(new Node.Text(token.text()), null, token.offset());
            case LEFT_DELIM -> action();
            default -> throw unexpected(token, "input");
        };
    }

    private Parsed action() throws TemplateException {
        Token token = nextNonSpace();
        switch (token.kind()) {
            case ELSE:
                return elseControl(token);
            case END:
                expect(Token.Kind.RIGHT_DELIM, "end");
                return new Parsed(null, "end", token.offset());
            case IF:
                return new Parsed(conditional(false, token), null, token.offset());
            case WITH:
                return new Parsed(conditional(true, token), null, token.offset());
            case RANGE, TEMPLATE, DEFINE, BLOCK:
                throw error("{{" + token.text() + "}} is not supported in image_tag templates", token.offset());
            default:
                backup();
                return new Parsed(new Node.Action(pipeline("command", Token.Kind.RIGHT_DELIM)), null, token.offset());
        }
    }

    /** "{{else if" leaves the "if" pending; the enclosing conditional nests it as its else branch. */
    private Parsed elseControl(Token elseToken) throws TemplateException {
        Token peek = peekNonSpace();
        if (peek.kind() != Token.Kind.IF && peek.kind() != Token.Kind.WITH) {
            expect(Token.Kind.RIGHT_DELIM, "else");
        }
        return new Parsed(null, "else", elseToken.offset());
    }

    private Node.Conditional conditional(boolean rebindsDot, Token keyword) throws TemplateException {
        String context = keyword.text();
        enter(keyword.offset());
        Node.Pipeline pipeline = pipeline(context, Token.Kind.RIGHT_DELIM);
        ItemList then = itemList();
        List<Node> otherwise = List.of();
        if (then.control.equals("else")) {
            Token chained = peek();
            if (chained.kind() == keyword.kind()) {
                next();
                otherwise = List.of(conditional(rebindsDot, chained));
            } else {
                ItemList rest = itemList();
                if (!rest.control.equals("end")) {
                    throw error("expected end; found {{" + rest.control + "}}", rest.offset);
                }
                otherwise = rest.nodes;
            }
        }
        depth--;
        return new Node.Conditional(rebindsDot, pipeline, then.nodes, otherwise);
    }

    private ItemList itemList() throws TemplateException {
        List<Node> nodes = new ArrayList<>();
        while (peekNonSpace().kind() != Token.Kind.EOF) {
            Parsed parsed = textOrAction();
            if (parsed.control != null) {
                return new ItemList(nodes, parsed.control, parsed.offset);
            }
            nodes.add(parsed.node);
        }
        throw error("unexpected EOF", text.length());
    }

    private Node.Pipeline pipeline(String context, Token.Kind end) throws TemplateException {
        int offset = peekNonSpace().offset();
        rejectDeclaration();
        List<Node.Command> commands = new ArrayList<>();
        while (true) {
            Token token = nextNonSpace();
            if (token.kind() == end) {
                checkPipeline(commands, context, token.offset());
                return new Node.Pipeline(commands, offset);
            }
            switch (token.kind()) {
                case BOOL, CHAR_CONSTANT, DOT, FIELD, IDENTIFIER, NUMBER, NIL, RAW_STRING, STRING, VARIABLE,
                     LEFT_PAREN -> {
                    backup();
                    commands.add(command());
                }
                default -> throw unexpected(token, context);
            }
        }
    }

    private void rejectDeclaration() throws TemplateException {
        int mark = next;
        Token variable = nextNonSpace();
        Token after = variable.kind() == Token.Kind.VARIABLE ? nextNonSpace() : variable;
        next = mark;
        if (after.kind() == Token.Kind.DECLARE || after.kind() == Token.Kind.ASSIGN) {
            throw error("variables are not supported in image_tag templates", variable.offset());
        }
    }

    /** Only the first command of a pipeline may be a plain value. */
    private void checkPipeline(List<Node.Command> commands, String context, int offset) throws TemplateException {
        if (commands.isEmpty()) {
            throw error("missing value for " + context, offset);
        }
        for (int i = 1; i < commands.size(); i++) {
            Operand first = commands.get(i).operands().get(0);
            if (first instanceof Operand.Literal || first instanceof Operand.Dot) {
                throw error("non executable command in pipeline stage " + (i + 1), first.offset());
            }
        }
    }

    private Node.Command command() throws TemplateException {
        int offset = peekNonSpace().offset();
        List<Operand> operands = new ArrayList<>();
        while (true) {
            peekNonSpace();
            Operand operand = operand();
            if (operand != null) {
                operands.add(operand);
            }
            Token token = next();
            if (token.kind() == Token.Kind.SPACE) {
                continue;
            }
            if (token.kind() == Token.Kind.RIGHT_DELIM || token.kind() == Token.Kind.RIGHT_PAREN) {
                backup();
            } else if (token.kind() != Token.Kind.PIPE) {
                throw unexpected(token, "operand");
            }
            break;
        }
        if (operands.isEmpty()) {
            throw error("empty command", offset);
        }
        return new Node.Command(operands, offset);
    }

    private Operand operand() throws TemplateException {
        Operand term = term();
        if (term == null || peek().kind() != Token.Kind.FIELD) {
            return term;
        }
        List<Node.FieldName> names = new ArrayList<>();
        while (peek().kind() == Token.Kind.FIELD) {
            Token field = next();
            names.add(new Node.FieldName(field.text().substring(1), field.offset()));
        }
        String source = sourceFrom(term.offset());
        if (term instanceof Operand.Field field) {
            return new Operand.Field(concat(field.names(), names), field.offset(), source);
        } else if (term instanceof Operand.Root root) {
            return new Operand.Root(concat(root.names(), names), root.offset(), source);
        } else if (term instanceof Operand.Literal || term instanceof Operand.Dot) {
            throw error("unexpected . after term " + Quoting.quote(term.source(), false), names.get(0).offset());
        }
        return new Operand.Chain(term, names, term.offset(), source);
    }

    private static List<Node.FieldName> concat(List<Node.FieldName> first, List<Node.FieldName> second) {
        List<Node.FieldName> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    private Operand term() throws TemplateException {
        Token token = nextNonSpace();
        int offset = token.offset();
        return switch (token.kind()) {
            case IDENTIFIER -> {
                if (!Builtins.has(token.text())) {
                    throw error("function \"" + token.text() + "\" not defined", offset);
                }
                yield new Operand.Function(token.text(), offset, token.text());
            }
            case DOT -> new Operand.Dot(offset, token.text());
            case NIL -> new Operand.Literal(null, offset, token.text());
            case VARIABLE -> {
                if (!token.text().equals("$")) {
                    throw error("undefined variable \"" + token.text() + "\"", offset);
                }
                yield new Operand.Root(List.of(), offset, token.text());
            }
            case FIELD -> new Operand.Field(List.of(new Node.FieldName(token.text().substring(1), offset)), offset,
                    token.text());
            case BOOL -> new Operand.Literal(token.text().equals("true"), offset, token.text());
            case NUMBER, CHAR_CONSTANT -> new Operand.Literal(number(token), offset, token.text());
            case STRING, RAW_STRING -> {
                String value = Quoting.unquote(token.text());
                if (value == null) {
                    throw error("invalid syntax", offset);
                }
                yield new Operand.Literal(value, offset, token.text());
            }
            case LEFT_PAREN -> {
                enter(offset);
                Node.Pipeline pipeline = pipeline("parenthesized pipeline", Token.Kind.RIGHT_PAREN);
                depth--;
                yield new Operand.SubPipeline(pipeline, offset, sourceFrom(offset));
            }
            default -> {
                backup();
                yield null;
            }
        };
    }

    /** Go's untyped constants become int, or float64 when written with '.', 'e' or 'p' (hex ints excepted). */
    private static Object number(Token token) throws TemplateException {
        String literal = token.text();
        if (token.kind() == Token.Kind.CHAR_CONSTANT) {
            String rune = Quoting.unquote(literal);
            if (rune == null) {
                throw error("malformed character constant: " + literal, token.offset());
            }
            return GoInt.of(rune.codePointAt(0));
        }
        String s = literal.replace("_", "");
        String sign = s.startsWith("-") ? "-" : "";
        String unsigned = s.startsWith("-") || s.startsWith("+") ? s.substring(1) : s;
        String lower = unsigned.toLowerCase();
        boolean hexInt = lower.startsWith("0x") && !lower.contains("p");
        try {
            if (!hexInt && lower.matches(".*[.ep].*")) {
                return Double.parseDouble(sign + unsigned);
            }
            BigInteger value = integer(lower);
            if (sign.equals("-")) {
                value = value.negate();
            }
            if (value.bitLength() > 63) {
                throw error(literal + " overflows int", token.offset());
            }
            return GoInt.of(value.longValue());
        } catch (NumberFormatException e) {
            throw error("illegal number syntax: " + Quoting.quote(literal, false), token.offset());
        }
    }

    private static BigInteger integer(String lower) {
        if (lower.startsWith("0x")) {
            return new BigInteger(lower.substring(2), 16);
        } else if (lower.startsWith("0o")) {
            return new BigInteger(lower.substring(2), 8);
        } else if (lower.startsWith("0b")) {
            return new BigInteger(lower.substring(2), 2);
        } else if (lower.length() > 1 && lower.startsWith("0") && lower.matches("[0-7]+")) {
            return new BigInteger(lower.substring(1), 8);
        }
        return new BigInteger(lower, 10); // like Go, "08" falls back to a decimal value
    }

    private void enter(int offset) throws TemplateException {
        if (++depth > MAX_DEPTH) {
            throw error("max expression depth exceeded", offset);
        }
    }

    private String sourceFrom(int offset) {
        Token last = tokens.get(next - 1);
        return text.substring(offset, last.offset() + last.text().length());
    }

    private Token next() throws TemplateException {
        Token token = tokens.get(next++);
        if (token.kind() == Token.Kind.ERROR) {
            throw error(token.text(), token.offset());
        }
        return token;
    }

    private Token peek() throws TemplateException {
        Token token = next();
        backup();
        return token;
    }

    private Token nextNonSpace() throws TemplateException {
        Token token = next();
        while (token.kind() == Token.Kind.SPACE) {
            token = next();
        }
        return token;
    }

    /** Consumes spaces but leaves the following token unread. */
    private Token peekNonSpace() throws TemplateException {
        Token token = nextNonSpace();
        backup();
        return token;
    }

    private void backup() {
        next--;
    }

    private void expect(Token.Kind kind, String context) throws TemplateException {
        Token token = nextNonSpace();
        if (token.kind() != kind) {
            throw unexpected(token, context);
        }
    }

    private static TemplateException unexpected(Token token, String context) {
        return error("unexpected " + token.describe() + " in " + context, token.offset());
    }

    private static TemplateException error(String message, int offset) {
        return new TemplateException(message, offset);
    }
}
