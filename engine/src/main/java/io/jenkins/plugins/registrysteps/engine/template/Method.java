package io.jenkins.plugins.registrysteps.engine.template;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A Go method callable from a field chain, such as {@code .Time.Format "2006"} or {@code .Time.Month.String}. */
record Method(String name, List<Param> params, StaticType result, Body body) {

    @FunctionalInterface
    interface Body {
        Object call(Object receiver, List<Object> args);
    }

    private static final Map<String, Method> STRINGER = Map.of("String",
            new Method("String", List.of(), StaticType.STRING, (receiver, args) -> ((GoInt) receiver).stringer()));

    /** Looked up on demand: GoTime's table itself builds Methods, so a static map here would cycle. */
    private static Map<String, Method> methodsOf(StaticType type) {
        return switch (type) {
            case TIME -> GoTime.METHODS;
            case MONTH, WEEKDAY -> STRINGER;
            default -> Map.of();
        };
    }

    static Optional<Method> find(StaticType type, String name) {
        return Optional.ofNullable(methodsOf(type).get(name));
    }

    static Set<String> names(StaticType type) {
        return methodsOf(type).keySet();
    }
}
