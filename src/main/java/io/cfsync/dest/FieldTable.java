package io.cfsync.dest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cfsync.event.JsonPath;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A declared mapping: for each target key, in order, the ordered source paths ("first present" wins) and an
 * optional transform. Absent values are omitted, never sent as null. Immutable and thread-safe.
 */
public final class FieldTable {
    /** @param transform applied to the found value; may return null to omit the field */
    public record Field(String target, JsonPath[] sources, UnaryOperator<JsonNode> transform) {
    }

    private final List<Field> fields;

    private FieldTable(List<Field> fields) {
        this.fields = List.copyOf(fields);
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

    public List<Field> fields() {
        return fields;
    }

    public static final class Builder {
        private final List<Field> fields = new ArrayList<>();

        public Builder field(String target, String... sources) {
            fields.add(new Field(target, JsonPath.all(sources), null));
            return this;
        }

        public Builder field(String target, UnaryOperator<JsonNode> transform, String... sources) {
            fields.add(new Field(target, JsonPath.all(sources), transform));
            return this;
        }

        public FieldTable build() {
            return new FieldTable(fields);
        }
    }
}
