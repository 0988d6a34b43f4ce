package io.jenkins.plugins.registrysteps.engine.template;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** Renders parsed nodes against the data, with Go's builtin functions and truth rules. */
final class Execution {

    static final int MAX_OUTPUT = 64 * 1024;
    private static final Set<String> FUNCTIONS = Set.of("printf", "print", "println", "len", "index", "slice", "eq", "ne",
            "lt", "le", "gt", "ge", "and", "or", "not", "html", "js", "urlquery");

    private final TemplateData data;
    private final StringBuilder out = new StringBuilder();

    Execution(TemplateData data) {
        this.data = data;
    }

    static boolean isFunction(String name) {
        return FUNCTIONS.contains(name);
    }

    String render(List<Node> nodes) throws TemplateException {
        write(nodes, data);
        return out.toString();
    }

    private void write(List<Node> nodes, Object dot) throws TemplateException {
        for (Node node : nodes) {
            if (node instanceof Node.Text text) {
                append(text.text(), 0);
            } else if (node instanceof Node.Action action) {
                append(GoFormat.value(pipeline(action.pipeline(), dot)), action.pipeline().offset());
            } else if (node instanceof Node.If choice) {
                writeIf(choice, dot);
            } else if (node instanceof Node.With with) {
                Object value = pipeline(with.pipeline(), dot);
                write(truth(value) ? with.body() : with.otherwise(), truth(value) ? value : dot);
            }
        }
    }

    private void writeIf(Node.If choice, Object dot) throws TemplateException {
        for (Node.Arm arm : choice.arms()) {
            if (truth(pipeline(arm.condition(), dot))) {
                write(arm.body(), dot);
                return;
            }
        }
        write(choice.otherwise(), dot);
    }

    private void append(String text, int offset) throws TemplateException {
        if (out.length() + text.length() > MAX_OUTPUT) {
            throw new TemplateException("template output exceeds " + MAX_OUTPUT + " characters", offset);
        }
        out.append(text);
    }

    private Object pipeline(Node.Pipeline pipeline, Object dot) throws TemplateException {
        Object value = null;
        boolean piped = false;
        for (Node.Command command : pipeline.commands()) {
            value = command(command, dot, piped, value);
            piped = true;
        }
        return value;
    }

    private Object command(Node.Command command, Object dot, boolean piped, Object pipedValue) throws TemplateException {
        List<Node.Operand> operands = command.operands();
        Node.Operand first = operands.get(0);
        List<Object> args = new ArrayList<>();
        for (Node.Operand operand : operands.subList(1, operands.size())) {
            args.add(operand(operand, dot));
        }
        if (piped) {
            args.add(pipedValue);
        }
        if (first instanceof Node.Function function) {
            return call(function.name(), args, function.offset());
        }
        if (first instanceof Node.Field field) {
            return field(field, field.fromRoot() ? data : dot, args);
        }
        if (!args.isEmpty()) {
            throw new TemplateException("can't give argument to non-function " + describe(first), first.offset());
        }
        return operand(first, dot);
    }

    private Object operand(Node.Operand operand, Object dot) throws TemplateException {
        if (operand instanceof Node.Dot) {
            return dot;
        }
        if (operand instanceof Node.Literal literal) {
            return literal.value();
        }
        if (operand instanceof Node.Field field) {
            return field(field, field.fromRoot() ? data : dot, List.of());
        }
        if (operand instanceof Node.Group group) {
            return pipeline(group.pipeline(), dot);
        }
        Node.Function function = (Node.Function) operand;
        return call(function.name(), List.of(), function.offset());
    }

    /** Walks {@code .A.B}; a trailing method of the time takes the arguments. */
    private Object field(Node.Field field, Object receiver, List<Object> args) throws TemplateException {
        Object value = receiver;
        List<String> names = field.names();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            boolean last = i == names.size() - 1;
            if (value instanceof TemplateData values) {
                value = values.get(name);
                if (value == null && !TemplateData.VARIABLES.contains(name)) {
                    throw new TemplateException("can't evaluate field " + name + " in type main.BuildData", field.offset());
                }
            } else if (value instanceof GoTime time && name.equals("Format")) {
                if (!last || args.size() != 1 || !(args.get(0) instanceof String layout)) {
                    throw new TemplateException("wrong arguments for Time.Format: want one layout string", field.offset());
                }
                return time.format(layout);
            } else if (value instanceof GoTime time) {
                value = time.call(name, field.offset());
            } else {
                throw new TemplateException("can't evaluate field " + name + " in type " + GoFormat.typeName(value), field.offset());
            }
            if (last && !args.isEmpty()) {
                throw new TemplateException(name + " is not a method but has arguments", field.offset());
            }
        }
        return value;
    }

    private Object call(String name, List<Object> args, int offset) throws TemplateException {
        return switch (name) {
            case "printf" -> {
                if (args.isEmpty() || !(args.get(0) instanceof String format)) {
                    throw new TemplateException("wrong type for value; expected string", offset);
                }
                yield GoFormat.sprintf(format, args.subList(1, args.size()));
            }
            case "print" -> GoFormat.sprint(args);
            case "println" -> GoFormat.sprintln(args);
            case "len" -> {
                arity(name, args, 1, offset);
                if (!(args.get(0) instanceof String s)) {
                    throw new TemplateException("error calling len: len of type " + GoFormat.typeName(args.get(0)), offset);
                }
                yield (long) s.getBytes(StandardCharsets.UTF_8).length;
            }
            case "index" -> index(args, offset);
            case "slice" -> slice(args, offset);
            case "not" -> {
                arity(name, args, 1, offset);
                yield !truth(args.get(0));
            }
            case "and" -> {
                atLeast(name, args, 1, offset);
                Object result = args.get(0);
                for (Object arg : args) {
                    result = arg;
                    if (!truth(arg)) {
                        break;
                    }
                }
                yield result;
            }
            case "or" -> {
                atLeast(name, args, 1, offset);
                Object result = args.get(0);
                for (Object arg : args) {
                    result = arg;
                    if (truth(arg)) {
                        break;
                    }
                }
                yield result;
            }
            case "eq" -> {
                atLeast(name, args, 2, offset);
                boolean equal = false;
                for (Object other : args.subList(1, args.size())) {
                    equal |= compare(args.get(0), other, name, offset) == 0;
                }
                yield equal;
            }
            case "ne" -> {
                arity(name, args, 2, offset);
                yield compare(args.get(0), args.get(1), name, offset) != 0;
            }
            case "lt", "le", "gt", "ge" -> {
                arity(name, args, 2, offset);
                int order = compare(args.get(0), args.get(1), name, offset);
                yield switch (name) {
                    case "lt" -> order < 0;
                    case "le" -> order <= 0;
                    case "gt" -> order > 0;
                    default -> order >= 0;
                };
            }
            case "html" -> html(GoFormat.sprint(args));
            case "js" -> js(GoFormat.sprint(args));
            case "urlquery" -> URLEncoder.encode(GoFormat.sprint(args), StandardCharsets.UTF_8);
            default -> throw new TemplateException("function \"" + name + "\" not defined", offset);
        };
    }

    private static Object index(List<Object> args, int offset) throws TemplateException {
        atLeast("index", args, 1, offset);
        Object value = args.get(0);
        for (Object key : args.subList(1, args.size())) {
            if (!(value instanceof String s) || !(key instanceof Long i)) {
                throw new TemplateException("error calling index: can't index item of type " + GoFormat.typeName(value), offset);
            }
            byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
            if (i < 0 || i >= bytes.length) {
                throw new TemplateException("error calling index: index out of range: " + i, offset);
            }
            value = (long) (bytes[i.intValue()] & 0xff);
        }
        return value;
    }

    private static Object slice(List<Object> args, int offset) throws TemplateException {
        atLeast("slice", args, 1, offset);
        if (!(args.get(0) instanceof String s)) {
            throw new TemplateException("error calling slice: can't slice item of type " + GoFormat.typeName(args.get(0)), offset);
        }
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        long from = args.size() > 1 ? asIndex(args.get(1), offset) : 0;
        long to = args.size() > 2 ? asIndex(args.get(2), offset) : bytes.length;
        if (args.size() > 3) {
            throw new TemplateException("error calling slice: cannot 3-index slice a string", offset);
        }
        if (from > to || to > bytes.length) {
            throw new TemplateException("error calling slice: index out of range: " + (from > to ? from : to), offset);
        }
        return new String(bytes, (int) from, (int) (to - from), StandardCharsets.UTF_8);
    }

    private static long asIndex(Object value, int offset) throws TemplateException {
        if (value instanceof Long i && i >= 0) {
            return i;
        }
        throw new TemplateException("error calling slice: cannot index slice/array with " + GoFormat.typeName(value), offset);
    }

    private static int compare(Object a, Object b, String name, int offset) throws TemplateException {
        if (a instanceof Long x && b instanceof Long y) {
            return Long.compare(x, y);
        }
        if (a instanceof Number x && b instanceof Number y) {
            return Double.compare(x.doubleValue(), y.doubleValue());
        }
        if (a instanceof String x && b instanceof String y) {
            return x.compareTo(y);
        }
        if (a instanceof Boolean x && b instanceof Boolean y && (name.equals("eq") || name.equals("ne"))) {
            return x.equals(y) ? 0 : 1;
        }
        if (a == null || b == null) {
            if (name.equals("eq") || name.equals("ne")) {
                return Objects.equals(a, b) ? 0 : 1;
            }
        }
        throw new TemplateException("error calling " + name + ": incompatible types for comparison", offset);
    }

    /** Go's truth: false, 0, nil and the empty string are false. */
    static boolean truth(Object value) {
        if (value == null) {
            return false;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof Long n) {
            return n != 0;
        }
        if (value instanceof Double d) {
            return d != 0;
        }
        return !(value instanceof String s) || !s.isEmpty();
    }

    private static void arity(String name, List<Object> args, int count, int offset) throws TemplateException {
        if (args.size() != count) {
            throw new TemplateException("wrong number of args for " + name + ": want " + count + " got " + args.size(), offset);
        }
    }

    private static void atLeast(String name, List<Object> args, int count, int offset) throws TemplateException {
        if (args.size() < count) {
            throw new TemplateException("wrong number of args for " + name + ": want at least " + count + " got " + args.size(), offset);
        }
    }

    private static String describe(Node.Operand operand) {
        if (operand instanceof Node.Literal literal) {
            return literal.value() instanceof String s ? GoFormat.quote(s) : GoFormat.value(literal.value());
        }
        return operand instanceof Node.Dot ? "." : "(...)";
    }

    private static String html(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&#39;").replace("\"", "&#34;")
                .replace("\0", "\uFFFD");
    }

    private static String js(String s) {
        StringBuilder out = new StringBuilder();
        for (char c : s.toCharArray()) {
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\'' -> out.append("\\'");
                case '"' -> out.append("\\\"");
                case '<' -> out.append("\\u003C");
                case '>' -> out.append("\\u003E");
                case '&' -> out.append("\\u0026");
                case '=' -> out.append("\\u003D");
                default -> out.append(c < ' ' ? String.format("\\u%04X", (int) c) : String.valueOf(c));
            }
        }
        return out.toString();
    }
}
