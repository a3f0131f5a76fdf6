package io.cfsync.dest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cfsync.event.JsonPath;
import io.cfsync.event.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A declared mapping: for each target key, in order, the ordered source paths ("first present" wins) and an
 * optional transform. Absent values are omitted, never sent as null. A table may also declare what the body it
 * fills cannot do without (a required field, or one of several keys) and the problem to report when it is
 * missing; {@link #missing} checks those in the order declared. Immutable and thread-safe.
 */
public final class FieldTable {
    /** @param transform applied to the found value; may return null to omit the field */
    public record Field(String target, JsonPath[] sources, UnaryOperator<JsonNode> transform) {
    }

    /** At least one of {@code keys} must be in the body; else the event is invalid with {@code problem}. */
    record Requirement(List<String> keys, Problem problem) {
        public Requirement {
            keys = List.copyOf(keys);
        }
    }

    private final List<Field> fields;
    private final List<Requirement> requirements;

    private FieldTable(List<Field> fields, List<Requirement> requirements) {
        this.fields = List.copyOf(fields);
        this.requirements = List.copyOf(requirements);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Adds every mapped field of {@code event} to {@code out}, in table order. */
    public ObjectNode apply(JsonNode event, ObjectNode out) {
        for (Field f : fields) {
            JsonNode v = JsonPath.first(event, f.sources());
            if (v != null && f.transform() != null) {
                v = f.transform().apply(v);
            }
            if (v != null) {
                out.set(f.target(), v);
            }
        }
        return out;
    }

    /**
     * The problem of the first requirement {@code body} does not meet, or null when it meets them all. The body may
     * hold keys the translator set itself (e.g. an id), so requirements can name keys outside the table.
     */
    public Problem missing(ObjectNode body) {
        for (Requirement r : requirements) {
            if (r.keys().stream().noneMatch(body::has)) {
                return r.problem();
            }
        }
        return null;
    }

    public List<Field> fields() {
        return fields;
    }

    /** Collects fields and requirements in order. Not thread-safe; the table it builds is. */
    public static final class Builder {
        private final List<Field> fields = new ArrayList<>();
        private final List<Requirement> requirements = new ArrayList<>();

        public Builder field(String target, String... sources) {
            fields.add(new Field(target, JsonPath.all(sources), null));
            return this;
        }

        public Builder field(String target, UnaryOperator<JsonNode> transform, String... sources) {
            fields.add(new Field(target, JsonPath.all(sources), transform));
            return this;
        }

        /** A field the body cannot do without: when none of its sources is present the event is invalid. */
        public Builder required(String target, Problem ifMissing, String... sources) {
            field(target, sources);
            requirements.add(new Requirement(List.of(target), ifMissing));
            return this;
        }

        /** The body needs at least one of {@code keys}, which may be set by the translator rather than the table. */
        public Builder requireOneOf(Problem ifMissing, String... keys) {
            requirements.add(new Requirement(List.of(keys), ifMissing));
            return this;
        }

        public FieldTable build() {
            return new FieldTable(fields, requirements);
        }
    }
}
