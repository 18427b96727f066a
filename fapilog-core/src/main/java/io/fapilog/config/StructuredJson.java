package io.fapilog.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Adjustments of the JSON layouts, the equivalent of Spring Boot's {@code logging.structured.*}:
 * members to keep or remove, rename or add, and the ECS service and event fields that the event
 * itself does not carry. Member names are paths with dots for nesting ({@code log.level} in ECS).
 *
 * @param include when not empty, only these members (and their children) are written
 * @param exclude members not written
 * @param rename members written under another name: old path to new path
 * @param add constant string members added to every line
 * @param serviceNodeName ECS {@code service.node.name}, or null
 * @param eventDataset ECS {@code event.dataset}; null: {@code <service.name>.log}
 */
public record StructuredJson(Set<String> include, Set<String> exclude, Map<String, String> rename,
                             Map<String, String> add, String serviceNodeName, String eventDataset) {

    /** No adjustment. */
    public static final StructuredJson NONE = new StructuredJson(Set.of(), Set.of(), Map.of(), Map.of(), null, null);

    public StructuredJson {
        include = Set.copyOf(Objects.requireNonNull(include, "include"));
        exclude = Set.copyOf(Objects.requireNonNull(exclude, "exclude"));
        rename = Map.copyOf(Objects.requireNonNull(rename, "rename"));
        add = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(add, "add")));
    }

    /** Whether members are included, excluded, renamed or added (which costs a pass over each line). */
    public boolean changesMembers() {
        return !include.isEmpty() || !exclude.isEmpty() || !rename.isEmpty() || !add.isEmpty();
    }
}
