package io.jenkins.plugins.registrysteps.engine.template;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;

/** The variables Codeship Pro offers to {@code image_tag} templates. */
public final class TemplateData {

    /** The variable names, in Codeship's documented order. */
    public static final List<String> VARIABLES = List.of(
            "ProjectID", "BuildID", "RepoName", "Branch", "CommitID", "CommitMessage", "CommitDescription",
            "CommitterName", "CommitterEmail", "CommitterUsername", "Time", "Timestamp", "StringTime",
            "StepName", "ServiceName", "ImageName", "Ci", "CiName");

    private final Map<String, Object> values;

    private TemplateData(Map<String, Object> values) {
        this.values = Map.copyOf(values);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The Go value of a variable: a String, the int64 Timestamp, or the time.Time Time. */
    Object value(String variable) {
        return values.get(variable);
    }

    static StaticType typeOf(String variable) {
        return switch (variable) {
            case "Time" -> StaticType.TIME;
            case "Timestamp" -> StaticType.INT64;
            default -> StaticType.STRING;
        };
    }

    /** Go's %v of a struct: the fields in order, space separated, in braces. */
    @Override
    public String toString() {
        StringJoiner fields = new StringJoiner(" ", "{", "}");
        for (String variable : VARIABLES) {
            fields.add(Fmt.sprint(List.of(values.get(variable))));
        }
        return fields.toString();
    }

    /** One setter per variable; strings default to empty, Time to the Unix epoch in UTC. */
    public static final class Builder {
        private final Map<String, Object> strings = new HashMap<>();
        private ZonedDateTime time = Instant.EPOCH.atZone(ZoneOffset.UTC);
        private Long timestamp;
        private String stringTime;

        private Builder() {
            strings.put("Ci", "true");
            strings.put("CiName", "codeship");
        }

        private Builder string(String variable, String value) {
            strings.put(variable, Objects.requireNonNull(value, variable));
            return this;
        }

        public Builder projectId(String value) {
            return string("ProjectID", value);
        }

        public Builder buildId(String value) {
            return string("BuildID", value);
        }

        public Builder repoName(String value) {
            return string("RepoName", value);
        }

        public Builder branch(String value) {
            return string("Branch", value);
        }

        public Builder commitId(String value) {
            return string("CommitID", value);
        }

        public Builder commitMessage(String value) {
            return string("CommitMessage", value);
        }

        public Builder commitDescription(String value) {
            return string("CommitDescription", value);
        }

        public Builder committerName(String value) {
            return string("CommitterName", value);
        }

        public Builder committerEmail(String value) {
            return string("CommitterEmail", value);
        }

        public Builder committerUsername(String value) {
            return string("CommitterUsername", value);
        }

        /** The build time; Timestamp and StringTime follow it unless set explicitly. */
        public Builder time(ZonedDateTime value) {
            time = Objects.requireNonNull(value, "Time");
            return this;
        }

        /** Unix seconds; derived from Time when not set. */
        public Builder timestamp(long value) {
            timestamp = value;
            return this;
        }

        /** A readable build time; Go's Time.String() of Time when not set. */
        public Builder stringTime(String value) {
            stringTime = Objects.requireNonNull(value, "StringTime");
            return this;
        }

        public Builder stepName(String value) {
            return string("StepName", value);
        }

        public Builder serviceName(String value) {
            return string("ServiceName", value);
        }

        public Builder imageName(String value) {
            return string("ImageName", value);
        }

        public Builder ci(String value) {
            return string("Ci", value);
        }

        public Builder ciName(String value) {
            return string("CiName", value);
        }

        public TemplateData build() {
            Map<String, Object> values = new HashMap<>();
            for (String variable : VARIABLES) {
                values.put(variable, strings.getOrDefault(variable, ""));
            }
            GoTime goTime = new GoTime(time);
            values.put("Time", goTime);
            values.put("Timestamp", new GoInt(timestamp != null ? timestamp : time.toEpochSecond(), GoInt.Type.INT64));
            values.put("StringTime", stringTime != null ? stringTime : goTime.toString());
            return new TemplateData(values);
        }
    }
}
