package io.fapilog.internal.pipeline.redactors;

import io.fapilog.internal.event.Fields;
import io.fapilog.internal.event.LogEvent;
import io.fapilog.internal.event.ThrowableCopy;
import io.fapilog.internal.pipeline.enrichers.RuntimeEnricher;
import io.fapilog.internal.pipeline.enrichers.ThreadEnricher;
import io.fapilog.spi.MutableFields;
import io.fapilog.spi.MutableLogEvent;
import io.fapilog.spi.Redactor;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * Masks an event in one pass, whatever the shape of its values (see {@link StructureWalker}):
 * values under sensitive field names in {@code context} and {@code data} become {@link Redactor#MASK},
 * strings, nested structures, beans and the message go through the value maskers, and the event's
 * throwable is replaced by a masked copy when its message, causes or suppressed throwables need it.
 *
 * <p>A value whose walk fails (its iteration throws) is replaced by {@link Redactor#MASK}; the rest
 * of the event is still redacted, the event's diagnostics get {@value #FAILURES_KEY} (how many values)
 * and {@link #failures()} counts them. Never modifies the caller's objects; a field of a plain value
 * (string, number, boolean, date) costs a name lookup and, for strings, the value maskers'
 * pre-checks, and allocates nothing. Thread-safe.
 */
public class EventRedactor implements Redactor {

    /** Diagnostics key: values masked because walking them failed, e.g. {@code "2 (java.util.ConcurrentModificationException)"}. */
    public static final String FAILURES_KEY = "redaction_failures";

    private static final int UNMASKED_SLOTS = 64;

    private final FieldNames names;
    /** Whether a configured field name makes one of fapilog's own diagnostics keys sensitive. */
    private final boolean builtInNamesSensitive;
    /** Whether the per-process fields of fapilog's runtime enricher are skipped: nothing else can have written them. */
    private final boolean skipProcessFields;
    private final StructureWalker walker;
    /** Diagnostic values that had nothing to mask, by identity hash: see {@link #redactDiagnostics}. */
    private final Object[] unmasked = new Object[UNMASKED_SLOTS];
    private final LongAdder failures = new LongAdder();

    /**
     * @param names field names whose values are masked wherever they occur
     * @param values masks parts of string values and of the message
     */
    public EventRedactor(FieldNames names, ValueMasker values) {
        this(names, values, true);
    }

    /**
     * @param userDiagnostics whether the application's enrichers or filters may write diagnostics
     *                        (or overwrite fapilog's own there); without them the per-process fields
     *                        of fapilog's runtime enricher ({@code service}, {@code env}, {@code version},
     *                        {@code host}, {@code pid}) cost nothing, unless a configured field name covers one
     */
    public EventRedactor(FieldNames names, ValueMasker values, boolean userDiagnostics) {
        this(names, values, userDiagnostics, io.fapilog.internal.event.CallSnapshot.MAX_ELEMENTS);
    }

    /** @param maxElements elements walked at most of one map or collection (the encoders' {@code maxCollectionSize}); a longer one is cut */
    public EventRedactor(FieldNames names, ValueMasker values, boolean userDiagnostics, int maxElements) {
        this.builtInNamesSensitive = java.util.stream.Stream.of(ThreadEnricher.THREAD_KEY, RuntimeEnricher.HOST_KEY,
                RuntimeEnricher.PID_KEY, RuntimeEnricher.SERVICE_KEY, RuntimeEnricher.ENV_KEY, RuntimeEnricher.VERSION_KEY)
                .anyMatch(names::contains);
        this.skipProcessFields = !userDiagnostics && !builtInNamesSensitive;
        this.names = names;
        this.walker = new StructureWalker(names, values, maxElements);
    }

    @Override
    public void redact(MutableLogEvent event) {
        StructureWalker.Walk walk = walker.walk();
        if (event instanceof LogEvent logEvent && logEvent.oddArguments()) {
            redactShiftedPairs(logEvent.data(), walk); // first: the walk masks the sensitive names it looks for
        }
        redact(event.context(), walk);
        redact(event.data(), walk);
        redactDiagnostics(event.diagnostics(), walk);
        if (walk.hasSecrets()) { // a field walked before the one masked under its name may repeat its value
            walk.again();
            redact(event.context(), walk);
            redact(event.data(), walk);
        }
        String message = event.message();
        if (message != null) {
            String masked = walker.text(message, walk);
            if (masked != message) {
                event.message(masked);
            }
        }
        if (event instanceof LogEvent logEvent) {
            redactNames(logEvent, walk);
            redactTags(logEvent, walk);
            Throwable t = logEvent.throwable();
            Object masked = t == null ? null : walker.value(t, walk);
            if (masked != t) {
                logEvent.throwable(masked instanceof Throwable redacted
                        ? redacted : new ThrowableCopy(t, MASK, null, new Throwable[0]));
            }
        }
        if (walk.failures() > 0) {
            failures.add(walk.failures());
            event.diagnostics().put(FAILURES_KEY, walk.failures() + " (" + walk.firstFailure() + ")");
        }
    }

    /**
     * With an odd number of arguments ({@code info("m", "user", "password", secret)}) the pairs shift:
     * a sensitive name lands as a value and what followed it, the secret, as the next field's key or
     * as the unpaired value, where the rule on names never looks. What follows a value that is a
     * sensitive name is masked there (a key as {@code ***}, {@code ***2}, ...: one name each) and
     * remembered as a secret of the event, masked wherever the event repeats it.
     */
    private void redactShiftedPairs(MutableFields data, StructureWalker.Walk walk) {
        for (int i = 0; i + 1 < data.size(); i++) {
            if (data.value(i) instanceof String name && isNameLike(name) && names.contains(name)) {
                if (LogEvent.UNPAIRED_VALUE_KEY.equals(data.key(i + 1))) {
                    walk.maskedUnderName(data.value(i + 1));
                    data.setValue(i + 1, MASK);
                } else if (data instanceof Fields own) {
                    walk.maskedUnderName(own.key(i + 1));
                    own.setKey(i + 1, freeMask(own));
                }
            }
        }
    }

    /** A value that could be a field name (short, one word), not text that merely mentions one ("wrong password"). */
    private static boolean isNameLike(String value) {
        if (value.length() > 64) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isWhitespace(value.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** {@code ***}, else {@code ***2}, {@code ***3}...: the first not taken among {@code fields}' keys. */
    private static String freeMask(Fields fields) {
        String key = MASK;
        for (int n = 2; fields.indexOf(key) >= 0; n++) {
            key = MASK + n;
        }
        return key;
    }

    /**
     * The bytes masked as a {@code byte[]} value is (see {@link StructureWalker}), for a placeholder
     * that takes them: the message writes bytes as numbers, where no text rule could find a secret.
     */
    public byte[] maskedBytes(byte[] bytes) {
        return walker.maskedBytes(bytes);
    }

    /** Values masked since start because walking them failed. */
    public long failures() {
        return failures.sum();
    }

    /**
     * The names of the logger and of the thread that logged, which the layouts write: both can carry
     * text the rules mask (a logger or an HTTP client's thread named after the URL it calls). Each is
     * one string event after event, so the walk's table of names answers.
     */
    private void redactNames(LogEvent event, StructureWalker.Walk walk) {
        String logger = event.loggerName();
        String maskedLogger = maskedName(logger, walk);
        if (maskedLogger != logger) {
            event.loggerName(maskedLogger);
        }
        String thread = event.threadName();
        String maskedThread = maskedName(thread, walk);
        if (maskedThread != thread) {
            event.threadName(maskedThread);
        }
    }

    private String maskedName(String name, StructureWalker.Walk walk) {
        return name == null ? null : walker.name(name, walk);
    }

    /** Tags are text: masked by the value maskers, a copy of the list only when one changes. */
    private void redactTags(LogEvent event, StructureWalker.Walk walk) {
        List<String> tags = event.tags();
        List<String> masked = null;
        for (int i = 0; i < tags.size(); i++) {
            String tag = tags.get(i);
            String text = maskedName(tag, walk);
            if (text != tag && masked == null) {
                masked = new ArrayList<>(tags);
            }
            if (masked != null) {
                masked.set(i, text);
            }
        }
        if (masked != null) {
            event.tags(Collections.unmodifiableList(masked));
        }
    }

    /**
     * What enrichers (and the pipeline's error notes) put into diagnostics is redacted like data.
     * Most of it recurs on every event as the same object (the host, the pid, a thread's name), so a
     * plain value found to have nothing to mask is remembered by identity and skipped afterwards,
     * unless its field name is sensitive (not looked up for fapilog's own keys unless a configured
     * field name covers one).
     */
    private void redactDiagnostics(MutableFields diagnostics, StructureWalker.Walk walk) {
        for (int i = 0; i < diagnostics.size(); i++) {
            String key = diagnostics.key(i);
            Object value = diagnostics.value(i);
            if (!isBuiltInKey(key)) {
                redactKey(diagnostics, i, key, walk); // an enricher's key is any text
            }
            if (value == null || skipProcessFields && isProcessKey(key)) {
                continue; // fixed per process, and nothing else can have written them
            }
            int slot = System.identityHashCode(value) & (UNMASKED_SLOTS - 1);
            if (unmasked[slot] == value && !walk.hasSecrets()
                    && (!builtInNamesSensitive && isBuiltInKey(key) || !names.contains(key))) {
                continue;
            }
            Object masked = walker.redact(key, value, walk);
            if (masked != value) {
                diagnostics.setValue(i, masked);
            } else if (value instanceof String || value instanceof Number || value instanceof Boolean) {
                unmasked[slot] = value; // a race only costs another check
            }
        }
    }

    @SuppressWarnings("StringEquality") // identity on purpose: the built-in enrichers' constants
    private static boolean isBuiltInKey(String key) {
        return key == ThreadEnricher.THREAD_KEY || isProcessKey(key);
    }

    @SuppressWarnings("StringEquality")
    private static boolean isProcessKey(String key) {
        return key == RuntimeEnricher.HOST_KEY || key == RuntimeEnricher.PID_KEY || key == RuntimeEnricher.SERVICE_KEY
                || key == RuntimeEnricher.ENV_KEY || key == RuntimeEnricher.VERSION_KEY;
    }

    /**
     * Masks the fields. Text masked whole under its name, here or nested, is also masked wherever
     * the event repeats it, when it has 4 characters or more: in the message
     * ({@code log.info("Login with " + password, "password", password)}, a Logstash
     * {@code value("password", p)} in a bridged message), in other fields, keys, names and exceptions.
     */
    private void redact(MutableFields fields, StructureWalker.Walk walk) {
        for (int i = 0; i < fields.size(); i++) {
            String key = fields.key(i);
            Object value = fields.value(i);
            Object masked = walker.redact(key, value, walk);
            if (masked != value) {
                fields.setValue(i, masked);
            }
            redactKey(fields, i, key, walk);
        }
    }

    /**
     * A key is text the layouts print too ({@code log.info("m", url, 1)} keys a field by a URL with its
     * password): masked as a nested map's keys are. Keys are constants call after call, so the walk's
     * identity cache answers. A masked key that meets another field's ({@code order_123456} and
     * {@code order_654321} both {@code order_***}) takes one more leading underscore until it is free,
     * as the writers rename a clashing name: two members of one name are no JSON most readers keep.
     */
    private void redactKey(MutableFields fields, int index, String key, StructureWalker.Walk walk) {
        String masked = maskedName(key, walk);
        if (masked != key && fields instanceof Fields own) { // an event's fields always are
            String free = masked;
            for (int taken = own.indexOf(free); taken >= 0 && taken != index; taken = own.indexOf(free)) {
                free = "_" + free;
            }
            own.setKey(index, free);
        }
    }
}
