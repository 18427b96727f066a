package io.fapilog.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Adjustments of the JSON layouts, the equivalent of Spring Boot's {@code logging.structured.*}:
 * members to keep or remove, rename or add, the ECS service and event fields that the event
 * itself does not carry, how stack traces are printed, where context members go, and GELF's
 * {@code host} and service version. Member names are paths with dots for nesting ({@code log.level} in ECS).
 *
 * @param include when not empty, only these members (and their children) are written
 * @param exclude members not written
 * @param rename members written under another name: old path to new path
 * @param add constant string members added to every line
 * @param serviceNodeName ECS {@code service.node.name}, or null
 * @param eventDataset ECS {@code event.dataset}; null: {@code <service.name>.log}
 * @param stackTrace how {@code ecs}, {@code logstash} and {@code gelf} print stack traces; null:
 *                   as {@link Throwable#printStackTrace()} does, within the encoding limits
 * @param context whether the event's context members are written, and under which prefix
 * @param gelf GELF {@code host} and {@code _service_version} overrides
 */
public record StructuredJson(Set<String> include, Set<String> exclude, Map<String, String> rename,
                             Map<String, String> add, String serviceNodeName, String eventDataset,
                             StackTraceStyle stackTrace, ContextMembers context, Gelf gelf) {

    /** No adjustment. */
    public static final StructuredJson NONE = new StructuredJson(Set.of(), Set.of(), Map.of(), Map.of(), null, null);

    public StructuredJson {
        include = Set.copyOf(Objects.requireNonNull(include, "include"));
        exclude = Set.copyOf(Objects.requireNonNull(exclude, "exclude"));
        rename = Map.copyOf(Objects.requireNonNull(rename, "rename"));
        add = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(add, "add")));
        context = context != null ? context : ContextMembers.ALL;
        gelf = gelf != null ? gelf : Gelf.NONE;
    }

    /** Member adjustments and ECS fields only: stack traces, context and GELF fields as by default. */
    public StructuredJson(Set<String> include, Set<String> exclude, Map<String, String> rename,
                          Map<String, String> add, String serviceNodeName, String eventDataset) {
        this(include, exclude, rename, add, serviceNodeName, eventDataset, null, null, null);
    }

    /** Whether members are included, excluded, renamed or added (which costs a pass over each line). */
    public boolean changesMembers() {
        return !include.isEmpty() || !exclude.isEmpty() || !rename.isEmpty() || !add.isEmpty();
    }

    /**
     * The event's context members (MDC values, bound and scoped context, request and trace ids), as
     * Spring Boot's {@code logging.structured.json.context.*}.
     *
     * @param include whether they are written at all
     * @param prefix put before each name in the flat layouts, joined as Spring Boot does: {@code ecs}
     *               with {@code .}, {@code logstash} with {@code _}, {@code gelf} as is; null or
     *               empty for none. The {@code fapilog} layout nests them under {@code context} already.
     */
    public record ContextMembers(boolean include, String prefix) {

        /** Every context member, under its own name. */
        public static final ContextMembers ALL = new ContextMembers(true, null);

        public ContextMembers {
            prefix = prefix == null || prefix.isEmpty() ? null : prefix;
        }

        /** Whether the members are dropped or renamed. */
        public boolean changes() {
            return !include || prefix != null;
        }
    }

    /**
     * GELF fields, as Spring Boot's {@code logging.structured.gelf.*}.
     *
     * @param host {@code host}; null: the service name, else the host name
     * @param serviceVersion {@code _service_version}; null: the service version
     */
    public record Gelf(String host, String serviceVersion) {

        /** The service name and version. */
        public static final Gelf NONE = new Gelf(null, null);
    }
}
