package io.jenkins.plugins.registrysteps.engine.template;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Executes a parse tree the way text/template's exec.go does. */
final class Renderer {
    static final int MAX_OUTPUT = 64 * 1024;

    /** Stands for "no piped value", which differs from a piped nil. */
    private static final Object MISSING = new Object();

    private final TemplateData root;
    private final StringBuilder out = new StringBuilder();

    private Renderer(TemplateData root) {
        this.root = root;
    }

    static String render(List<Node> nodes, TemplateData data) throws TemplateException {
        Renderer renderer = new Renderer(data);
        renderer.walk(data, nodes);
        return renderer.out.toString();
    }

    private void walk(Object dot, List<Node> nodes) throws TemplateException {
        for (Node node : nodes) {
            if (node instanceof Node.Text text) {
                write(text.text(), 0);
            } else if (node instanceof Node.Action action) {
                Object value = pipeline(dot, action.pipeline());
                write(value == null ? "<no value>" : Fmt.sprint(Arrays.asList(value)), action.pipeline().offset());
            } else if (node instanceof Node.Conditional conditional) {
                Object value = pipeline(dot, conditional.pipeline());
                if (GoValue.isTrue(value)) {
                    walk(conditional.rebindsDot() ? value : dot, conditional.then());
                } else {
                    walk(dot, conditional.otherwise());
                }
            }
        }
    }

    private void write(String s, int offset) throws TemplateException {
        out.append(s);
        checkSize(out.length(), offset);
    }

    private static void checkSize(int length, int offset) throws TemplateException {
        if (length > MAX_OUTPUT) {
            throw new TemplateException("image_tag renders to more than " + MAX_OUTPUT + " characters", offset);
        }
    }

    private Object pipeline(Object dot, Node.Pipeline pipeline) throws TemplateException {
        Object value = MISSING;
        for (Node.Command command : pipeline.commands()) {
            value = command(dot, command, value);
        }
        return value;
    }

    private Object command(Object dot, Node.Command command, Object last) throws TemplateException {
        List<Operand> args = command.operands();
        Operand first = args.get(0);
        if (first instanceof Operand.Field field) {
            return fieldChain(dot, dot, field.names(), args, last);
        } else if (first instanceof Operand.Root rootOperand && !rootOperand.names().isEmpty()) {
            return fieldChain(dot, root, rootOperand.names(), args, last);
        } else if (first instanceof Operand.Chain chain) {
            return fieldChain(dot, argument(dot, Param.ANY, chain.base()), chain.names(), args, last);
        } else if (first instanceof Operand.Function function) {
            return function(dot, function, args, last);
        }
        if (args.size() > 1 || last != MISSING) {
            throw new TemplateException("can't give argument to non-function " + first.source(), first.offset());
        }
        if (first instanceof Operand.SubPipeline sub) {
            return pipeline(dot, sub.pipeline());
        } else if (first instanceof Operand.Root) {
            return root;
        } else if (first instanceof Operand.Dot) {
            return dot;
        }
        Object literal = ((Operand.Literal) first).value();
        if (literal == null) {
            throw new TemplateException("nil is not a command", first.offset());
        }
        return literal;
    }

    /** Intermediate names get no arguments; the last one receives the command's arguments and piped value. */
    private Object fieldChain(Object dot, Object receiver, List<Node.FieldName> names, List<Operand> args,
                              Object last) throws TemplateException {
        Object value = receiver;
        for (int i = 0; i < names.size() - 1; i++) {
            value = field(dot, names.get(i), value, List.of(), MISSING);
        }
        return field(dot, names.get(names.size() - 1), value, args, last);
    }

    private Object field(Object dot, Node.FieldName field, Object receiver, List<Operand> args, Object last)
            throws TemplateException {
        String name = field.name();
        if (receiver == null) {
            throw new TemplateException("nil data; no entry for key \"" + name + "\"", field.offset());
        }
        var method = Method.find(StaticType.of(receiver), name);
        if (method.isPresent()) {
            Method m = method.get();
            return call(dot, name, new Builtins.Signature(m.params(), null), args, last, field.offset(),
                    values -> m.body().call(receiver, values));
        }
        if (receiver instanceof TemplateData data && TemplateData.VARIABLES.contains(name)) {
            if (args.size() > 1 || last != MISSING) {
                throw new TemplateException(name + " has arguments but cannot be invoked as function", field.offset());
            }
            return data.value(name);
        }
        throw new TemplateException("can't evaluate field " + name + " in type " + GoValue.typeName(receiver),
                field.offset());
    }

    private Object function(Object dot, Operand.Function function, List<Operand> args, Object last)
            throws TemplateException {
        Builtins.Function builtin = Builtins.get(function.name());
        return call(dot, function.name(), builtin.signature(), args, last, function.offset(), builtin.body());
    }

    /** args holds the function or field operand first, as in Go; the piped value, if any, comes last. */
    private Object call(Object dot, String name, Builtins.Signature signature, List<Operand> args, Object last,
                        int offset, Builtins.Body body) throws TemplateException {
        List<Operand> given = args.isEmpty() ? List.of() : args.subList(1, args.size());
        List<Param> fixed = signature.fixed();
        int numIn = given.size() + (last != MISSING ? 1 : 0);
        if (signature.variadic() != null && numIn < fixed.size()) {
            throw new TemplateException("wrong number of args for " + name + ": want at least " + fixed.size()
                    + " got " + given.size(), offset);
        } else if (signature.variadic() == null && numIn != fixed.size()) {
            throw new TemplateException("wrong number of args for " + name + ": want " + fixed.size() + " got "
                    + numIn, offset);
        }
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            Object value = argument(dot, i < fixed.size() ? fixed.get(i) : signature.variadic(), given.get(i));
            boolean shortCircuits = name.equals("and") && !GoValue.isTrue(value)
                    || name.equals("or") && GoValue.isTrue(value);
            if (shortCircuits) {
                return value; // and/or stop at the first value that decides, leaving the rest unevaluated
            }
            values.add(value);
        }
        if (last != MISSING) {
            Param param = signature.variadic() != null && numIn - 1 >= fixed.size()
                    ? signature.variadic() : fixed.get(numIn - 1);
            values.add(validate(last, param, offset));
        }
        Object result;
        try {
            result = body.call(values);
        } catch (CallError e) {
            throw new TemplateException("error calling " + name + ": " + e.getMessage(), offset);
        }
        if (result instanceof String s) {
            checkSize(s.length(), offset);
        }
        return result;
    }

    private Object argument(Object dot, Param param, Operand operand) throws TemplateException {
        if (operand instanceof Operand.Literal literal) {
            Object value = literal.value();
            if (param == Param.STRING && value == null) {
                throw new TemplateException("cannot assign nil to string", operand.offset());
            }
            if (param == Param.STRING && !(value instanceof String)) {
                throw new TemplateException("expected string; found " + operand.source(), operand.offset());
            }
            return value;
        }
        Object value;
        if (operand instanceof Operand.Dot) {
            value = dot;
        } else if (operand instanceof Operand.Field field) {
            value = fieldChain(dot, dot, field.names(), List.of(), MISSING);
        } else if (operand instanceof Operand.Root rootOperand) {
            value = rootOperand.names().isEmpty() ? root
                    : fieldChain(dot, root, rootOperand.names(), List.of(), MISSING);
        } else if (operand instanceof Operand.Chain chain) {
            value = fieldChain(dot, argument(dot, Param.ANY, chain.base()), chain.names(), List.of(), MISSING);
        } else if (operand instanceof Operand.SubPipeline sub) {
            value = pipeline(dot, sub.pipeline());
        } else {
            value = function(dot, (Operand.Function) operand, List.of(operand), MISSING);
        }
        return validate(value, param, operand.offset());
    }

    private static Object validate(Object value, Param param, int offset) throws TemplateException {
        if (param == Param.STRING && value == null) {
            throw new TemplateException("invalid value; expected string", offset);
        }
        if (param == Param.STRING && !(value instanceof String)) {
            throw new TemplateException("wrong type for value; expected string; got " + GoValue.typeName(value),
                    offset);
        }
        return value;
    }
}
