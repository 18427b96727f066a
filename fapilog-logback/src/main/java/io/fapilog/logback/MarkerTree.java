package io.fapilog.logback;

import org.slf4j.Marker;

import java.util.Iterator;
import java.util.function.Consumer;

/** An SLF4J marker and the markers it references, depth first, at most 8 levels down (references may cycle). */
final class MarkerTree {

    private static final int MAX_DEPTH = 8;

    private MarkerTree() {
    }

    static void forEach(Marker marker, Consumer<Marker> action) {
        visit(marker, action, 0);
    }

    private static void visit(Marker marker, Consumer<Marker> action, int depth) {
        if (marker == null || depth > MAX_DEPTH) {
            return;
        }
        action.accept(marker);
        Iterator<Marker> references = marker.iterator();
        while (references.hasNext()) {
            visit(references.next(), action, depth + 1);
        }
    }
}
