package io.fapilog.internal.engine;

import io.fapilog.Level;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Level thresholds by logger name prefix, changeable at run time. Each logger name gets one
 * {@link LevelGate}; changing a level recomputes the gates at or below its prefix, so the log call
 * itself never looks anything up. A name's level is found by cutting the name at its separators, one
 * lookup each, whatever the number of settings.
 */
public final class LevelGates {

    /** The key that addresses the default level in {@link #setLevel(String, Level)}. */
    public static final String ROOT = "ROOT";

    private final ConcurrentHashMap<String, LevelGate> gates = new ConcurrentHashMap<>();
    private final Map<String, Level> levels = new TreeMap<>();
    private final List<Consumer<String>> newNameListeners = new CopyOnWriteArrayList<>();
    private Level rootLevel;
    private boolean dollarSeparates = true;

    public LevelGates(Level rootLevel, Map<String, Level> levels) {
        this.rootLevel = Objects.requireNonNull(rootLevel, "rootLevel");
        this.levels.putAll(levels);
    }

    public LevelGate gate(String loggerName) {
        LevelGate gate = gates.get(loggerName);
        if (gate != null) {
            return gate;
        }
        LevelGate created;
        synchronized (this) {
            gate = gates.get(loggerName);
            if (gate != null) {
                return gate;
            }
            created = new LevelGate(effectiveLevel(loggerName));
            gates.put(loggerName, created);
        }
        // Outside the lock: a listener may call into a logging system that holds locks of its own while it calls setLevel.
        for (Consumer<String> listener : newNameListeners) {
            try {
                listener.accept(loggerName);
            } catch (RuntimeException | LinkageError e) {
                // a listener failing must not fail the logger's creation
            }
        }
        return created;
    }

    /**
     * Tells {@code listener} each logger name met from now on, after the names met so far: on the
     * caller's thread, once per name, outside this class's lock.
     */
    public void addNewNameListener(Consumer<String> listener) {
        newNameListeners.add(listener);
        gates.keySet().forEach(listener);
    }

    public void removeNewNameListener(Consumer<String> listener) {
        newNameListeners.remove(listener);
    }

    /**
     * Sets the threshold of {@code prefix} (and every logger below it), or of the default when
     * {@code prefix} is {@link #ROOT}; a null level removes a prefix's own setting.
     */
    public synchronized void setLevel(String prefix, Level level) {
        if (ROOT.equals(prefix) || prefix.isEmpty()) {
            rootLevel = Objects.requireNonNull(level, "level");
        } else if (level == null) {
            levels.remove(prefix);
        } else {
            levels.put(prefix, level);
        }
        boolean root = ROOT.equals(prefix) || prefix.isEmpty();
        // Only the loggers at or below the prefix can change: a setting costs a check per logger, not a scan of every setting per logger.
        gates.forEach((name, gate) -> {
            if (root || isAtOrBelow(name, prefix)) {
                gate.set(effectiveLevel(name));
            }
        });
    }

    /**
     * Whether a {@code '$'} ends a prefix as a {@code '.'} does (Logback's rule, the default) or not
     * (Log4j2's): the gates are recomputed.
     */
    public synchronized void setDollarSeparates(boolean dollarSeparates) {
        if (this.dollarSeparates == dollarSeparates) {
            return; // every resync of the levels says it again
        }
        this.dollarSeparates = dollarSeparates;
        gates.forEach((name, gate) -> gate.set(effectiveLevel(name)));
    }

    private boolean isAtOrBelow(String loggerName, String prefix) {
        return loggerName.startsWith(prefix)
                && (loggerName.length() == prefix.length() || isSeparator(loggerName.charAt(prefix.length())));
    }

    /**
     * The threshold a logger of this name has: the longest configured prefix, else the default. A
     * prefix ends where the name has a {@code '.'} or, as in Logback, a {@code '$'}: a nested class's
     * logger ({@code com.acme.Outer$Inner}) has the level set for {@code com.acme.Outer} (unless
     * {@link #setDollarSeparates} says otherwise).
     */
    public synchronized Level effectiveLevel(String loggerName) {
        // The name, then the name cut at each separator from the right: the first one set is the longest prefix.
        String candidate = loggerName;
        while (true) {
            Level level = levels.get(candidate);
            if (level != null) {
                return level;
            }
            int cut = dollarSeparates ? Math.max(candidate.lastIndexOf('.'), candidate.lastIndexOf('$')) : candidate.lastIndexOf('.');
            if (cut < 0) {
                return rootLevel;
            }
            candidate = candidate.substring(0, cut);
        }
    }

    private boolean isSeparator(char c) {
        return c == '.' || (c == '$' && dollarSeparates);
    }

    /** The configured levels, {@link #ROOT} first. */
    public synchronized Map<String, Level> configuredLevels() {
        Map<String, Level> all = new java.util.LinkedHashMap<>();
        all.put(ROOT, rootLevel);
        all.putAll(levels);
        return all;
    }
}
