package io.jenkins.plugins.registrysteps.engine.template;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/** The 18 values an {@code image_tag} template may name, as Codeship documents them. */
public final class TemplateData {

    public static final List<String> VARIABLES = List.of("ProjectID", "BuildID", "RepoName", "Branch", "CommitID",
            "CommitMessage", "CommitDescription", "CommitterName", "CommitterEmail", "CommitterUsername", "Time", "Timestamp",
            "StringTime", "StepName", "ServiceName", "ImageName", "Ci", "CiName");

    /** StringTime as Codeship shows build times: {@code Sat, 31 Jan 2026 12:00:00 UTC}. */
    private static final DateTimeFormatter STRING_TIME = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss zzz", Locale.ENGLISH);

    private final Map<String, Object> values;

    private TemplateData(Map<String, Object> values) {
        this.values = values;
    }

    /** The value of a variable: a String, a Long (Timestamp) or the time (Time). */
    Object get(String variable) {
        return values.get(variable);
    }

    /** All values in Codeship's order, as Go prints the whole data with {@code {{ . }}}. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("{");
        for (String variable : VARIABLES) {
            out.append(out.length() > 1 ? " " : "").append(GoFormat.value(values.get(variable)));
        }
        return out.append('}').toString();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Sets values one by one; unset text values are empty, Ci is "true", CiName "codeship", Time now. */
    public static final class Builder {
        private final Map<String, Object> values = new LinkedHashMap<>();
        private ZonedDateTime time = ZonedDateTime.now();
        private Long timestamp;

        Builder() {
            for (String variable : VARIABLES) {
                values.put(variable, "");
            }
            values.put("Ci", "true");
            values.put("CiName", "codeship");
        }

        private Builder text(String variable, String value) {
            values.put(variable, value == null ? "" : value);
            return this;
        }

        public Builder projectId(String value) { return text("ProjectID", value); }
        public Builder buildId(String value) { return text("BuildID", value); }
        public Builder repoName(String value) { return text("RepoName", value); }
        public Builder branch(String value) { return text("Branch", value); }
        public Builder commitId(String value) { return text("CommitID", value); }
        public Builder commitMessage(String value) { return text("CommitMessage", value); }
        public Builder commitDescription(String value) { return text("CommitDescription", value); }
        public Builder committerName(String value) { return text("CommitterName", value); }
        public Builder committerEmail(String value) { return text("CommitterEmail", value); }
        public Builder committerUsername(String value) { return text("CommitterUsername", value); }
        public Builder stepName(String value) { return text("StepName", value); }
        public Builder serviceName(String value) { return text("ServiceName", value); }
        public Builder imageName(String value) { return text("ImageName", value); }
        public Builder ci(String value) { return text("Ci", value); }
        public Builder ciName(String value) { return text("CiName", value); }

        public Builder time(ZonedDateTime value) {
            time = Objects.requireNonNull(value, "time");
            return this;
        }

        /** Overrides the unix time derived from {@link #time}. */
        public Builder timestamp(long value) {
            timestamp = value;
            return this;
        }

        public TemplateData build() {
            Map<String, Object> all = new LinkedHashMap<>(values);
            all.put("Time", new GoTime(time));
            all.put("Timestamp", timestamp != null ? timestamp : time.toEpochSecond());
            if (all.get("StringTime").equals("")) {
                all.put("StringTime", STRING_TIME.format(time));
            }
            return new TemplateData(all);
        }
    }
}
