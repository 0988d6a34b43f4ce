package io.jenkins.plugins.registrysteps.engine.template;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** text/template's predefined functions (call excepted), with Go's signatures and error texts. */
final class Builtins {

    /** Fixed parameters, then an optional variadic parameter (null when there is none). */
    record Signature(List<Param> fixed, Param variadic) {
    }

    @FunctionalInterface
    interface Body {
        Object call(List<Object> args) throws CallError;
    }

    record Function(String name, Signature signature, Body body) {
    }

    private static final Signature ONE = new Signature(List.of(Param.ANY), null);
    private static final Signature TWO = new Signature(List.of(Param.ANY, Param.ANY), null);
    private static final Signature ONE_OR_MORE = new Signature(List.of(Param.ANY), Param.ANY);
    private static final Signature ANY_NUMBER = new Signature(List.of(), Param.ANY);

    private static final Map<String, Function> FUNCTIONS = Map.ofEntries(
            function("and", ONE_OR_MORE, args -> args.get(args.size() - 1)), // reached only when nothing short-circuits
            function("or", ONE_OR_MORE, args -> args.get(args.size() - 1)),
            function("not", ONE, args -> !GoValue.isTrue(args.get(0))),
            function("len", ONE, args -> length(args.get(0))),
            function("index", ONE_OR_MORE, Builtins::index),
            function("slice", ONE_OR_MORE, Builtins::slice),
            function("print", ANY_NUMBER, Fmt::sprint),
            function("println", ANY_NUMBER, Fmt::sprintln),
            function("printf", new Signature(List.of(Param.STRING), Param.ANY),
                args -> Fmt.sprintf((String) args.get(0), args.subList(1, args.size()))),
            function("html", ANY_NUMBER, args -> Escaping.html(printed(args))),
            function("js", ANY_NUMBER, args -> Escaping.js(printed(args))),
            function("urlquery", ANY_NUMBER, args -> Escaping.queryEscape(printed(args))),
            function("eq", ONE_OR_MORE, args -> Comparison.eq(args.get(0), args.subList(1, args.size()))),
            function("ne", TWO, args -> !Comparison.eq(args.get(0), List.of(args.get(1)))),
            function("lt", TWO, args -> Comparison.lt(args.get(0), args.get(1))),
            function("le", TWO, args -> Comparison.le(args.get(0), args.get(1))),
            function("gt", TWO, args -> !Comparison.le(args.get(0), args.get(1))),
            function("ge", TWO, args -> !Comparison.lt(args.get(0), args.get(1))));

    private Builtins() {
    }

    private static Map.Entry<String, Function> function(String name, Signature signature, Body body) {
        return Map.entry(name, new Function(name, signature, body));
    }

    static boolean has(String name) {
        return FUNCTIONS.containsKey(name);
    }

    static Function get(String name) {
        return FUNCTIONS.get(name);
    }

    /** html, js and urlquery print their arguments as fmt.Sprint does, a lone string as is. */
    private static String printed(List<Object> args) {
        return args.size() == 1 && args.get(0) instanceof String s ? s : Fmt.sprint(args);
    }

    /** len counts bytes of a string, as Go does. */
    private static Object length(Object item) throws CallError {
        if (item instanceof String s) {
            return GoInt.of(s.getBytes(StandardCharsets.UTF_8).length);
        }
        throw new CallError(item == null ? "len of nil pointer" : "len of type " + GoValue.typeName(item));
    }

    /** Indexing a string yields a byte (uint8). */
    private static Object index(List<Object> args) throws CallError {
        Object item = args.get(0);
        if (item == null) {
            throw new CallError("index of untyped nil");
        }
        for (Object index : args.subList(1, args.size())) {
            if (!(item instanceof String s)) {
                throw new CallError("can't index item of type " + GoValue.typeName(item));
            }
            byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
            int x = indexArg(index, bytes.length);
            if (x == bytes.length) {
                throw new CallError("index out of range: " + x);
            }
            item = new GoInt(bytes[x] & 0xFF, GoInt.Type.UINT8);
        }
        return item;
    }

    /** Slicing a string works on bytes; a rune cut in half decodes as U+FFFD. */
    private static Object slice(List<Object> args) throws CallError {
        Object item = args.get(0);
        List<Object> indexes = args.subList(1, args.size());
        if (indexes.size() > 3) {
            throw new CallError("too many slice indexes: " + indexes.size());
        }
        if (!(item instanceof String s)) {
            throw new CallError("can't slice item of type " + GoValue.typeName(item));
        }
        if (indexes.size() == 3) {
            throw new CallError("cannot 3-index slice a string");
        }
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        int[] bounds = {0, bytes.length};
        for (int i = 0; i < indexes.size(); i++) {
            bounds[i] = indexArg(indexes.get(i), bytes.length);
        }
        if (bounds[0] > bounds[1]) {
            throw new CallError("invalid slice index: " + bounds[0] + " > " + bounds[1]);
        }
        return new String(bytes, bounds[0], bounds[1] - bounds[0], StandardCharsets.UTF_8);
    }

    private static int indexArg(Object index, int cap) throws CallError {
        if (index == null) {
            throw new CallError("cannot index slice/array with nil");
        }
        if (!(index instanceof GoInt n)) {
            throw new CallError("cannot index slice/array with type " + GoValue.typeName(index));
        }
        if (n.value() < 0 || n.value() > cap) {
            throw new CallError("index out of range: " + n.value());
        }
        return (int) n.value();
    }
}
