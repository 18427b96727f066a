package io.fapilog.internal.encoding;

import java.util.HashSet;
import java.util.Set;

/**
 * The field paths of one line as Elasticsearch (and OpenSearch) expands its dotted names, for the
 * layouts meant for it: a path that is a value ({@code service}, {@code message}) cannot be an object
 * too ({@code service.name}, {@code message.x}), nor the other way round; either has the whole
 * document refused. Names it refuses do not fit either: empty or blank, a blank part between dots
 * ({@code a..b}, {@code .a}, {@code a. .b}), one of its metadata fields ({@code _id}). The values are
 * the line's top-level names written so far; only dotted names, rare, cost more than a scan for a dot.
 */
final class ElasticsearchPaths {

    private static final Set<String> METADATA = Set.of("_id", "_index", "_type", "_source", "_size", "_doc_count",
            "_field_names", "_ignored", "_ignored_source", "_routing", "_meta", "_tier", "_seq_no", "_primary_term",
            "_version", "_data_stream_timestamp", "_nested_path", "_feature", "_recovery_source", "_tsid");

    private final NameSet names;
    private final Set<String> layoutPaths;
    private final Set<String> objects = new HashSet<>();

    /**
     * @param names the line's top-level names as they are written
     * @param layoutPaths names of the layout's own members, values or objects, that a dotted name must
     *        not enter even on a line without them ({@code log} of {@code log.level})
     */
    ElasticsearchPaths(NameSet names, Set<String> layoutPaths) {
        this.names = names;
        this.layoutPaths = layoutPaths;
    }

    /** Before each line. */
    void clear() {
        if (!objects.isEmpty()) {
            objects.clear();
        }
    }

    /** Whether {@code key} can be written as it is beside the names written so far. */
    boolean fits(String key) {
        return fits(key, key.indexOf('.'));
    }

    /** As {@link #fits(String)}, with the index of the key's first dot (-1 for none) found already. */
    boolean fits(String key, int dot) {
        if (key.isEmpty()) {
            return false;
        }
        char first = key.charAt(0);
        if (first == '_' && METADATA.contains(key) || Character.isWhitespace(first) && key.isBlank()) {
            return false;
        }
        if (dot < 0) {
            return objects.isEmpty() || !objects.contains(key);
        }
        if (hasBlankSegment(key) || objects.contains(key)) {
            return false;
        }
        for (; dot > 0; dot = key.indexOf('.', dot + 1)) {
            String prefix = key.substring(0, dot);
            if (names.contains(prefix) || layoutPaths.contains(prefix)) {
                return false; // inside a value, or inside one of the layout's objects (log.level)
            }
        }
        return true;
    }

    /** After {@code key} was written: its prefixes are objects now. */
    void add(String key) {
        for (int dot = key.indexOf('.'); dot > 0; dot = key.indexOf('.', dot + 1)) { // one scan for a name without dots
            objects.add(key.substring(0, dot));
        }
    }

    /** Whether {@code name} is one of Elasticsearch's metadata fields, refused in a document. */
    static boolean isMetadata(String name) {
        return !name.isEmpty() && name.charAt(0) == '_' && METADATA.contains(name);
    }

    /** An empty or blank part between dots: a leading or trailing dot, two in a row, {@code a. .b}. */
    static boolean hasBlankSegment(String key) {
        boolean blank = true;
        for (int i = 0, n = key.length(); i < n; i++) {
            char c = key.charAt(i);
            if (c == '.') {
                if (blank) {
                    return true;
                }
                blank = true;
            } else if (!Character.isWhitespace(c)) {
                blank = false;
            }
        }
        return blank;
    }
}
