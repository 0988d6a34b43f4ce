package io.jenkins.plugins.registrysteps.engine.registry;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** A {@code WWW-Authenticate} header: {@code Basic realm="x"} or {@code Bearer realm="...",service="...",scope="..."}. */
record AuthChallenge(String scheme, Map<String, String> parameters) {

    static Optional<AuthChallenge> parse(String header) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        String trimmed = header.strip();
        int space = trimmed.indexOf(' ');
        String scheme = (space < 0 ? trimmed : trimmed.substring(0, space)).toLowerCase(Locale.ROOT);
        Map<String, String> parameters = new LinkedHashMap<>();
        int i = space < 0 ? trimmed.length() : space + 1;
        while (i < trimmed.length()) {
            int eq = trimmed.indexOf('=', i);
            if (eq < 0) {
                break;
            }
            String key = trimmed.substring(i, eq).strip().toLowerCase(Locale.ROOT);
            int j = eq + 1;
            StringBuilder value = new StringBuilder();
            if (j < trimmed.length() && trimmed.charAt(j) == '"') {
                j++;
                while (j < trimmed.length() && trimmed.charAt(j) != '"') {
                    if (trimmed.charAt(j) == '\\' && j + 1 < trimmed.length()) {
                        j++;
                    }
                    value.append(trimmed.charAt(j++));
                }
                j++;
            } else {
                while (j < trimmed.length() && trimmed.charAt(j) != ',') {
                    value.append(trimmed.charAt(j++));
                }
            }
            parameters.put(key, value.toString().strip());
            while (j < trimmed.length() && (trimmed.charAt(j) == ',' || trimmed.charAt(j) == ' ')) {
                j++;
            }
            i = j;
        }
        return Optional.of(new AuthChallenge(scheme, parameters));
    }

    boolean isBearer() {
        return scheme.equals("bearer");
    }

    boolean isBasic() {
        return scheme.equals("basic");
    }

    String parameter(String name) {
        return parameters.get(name);
    }
}
