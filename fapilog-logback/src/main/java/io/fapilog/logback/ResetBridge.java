package io.fapilog.logback;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.Marker;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Hands SLF4J events to fapilog's appender while a reset of Logback's context has taken it off the
 * loggers, instead of letting them find no appender and be lost without a word. A reset detaches
 * and stops every logger's appenders, root first, then stops the turbo filters: this one is put
 * first in their list when the reset stops fapilog's appender, which it keeps taking events
 * (see {@link FapilogAppender#stop}), and goes at the end. A reset that is part of the
 * context's stop (Spring Boot's logging shutdown hook, while other hooks and threads still log)
 * has the bridge installed again before this filter stops forwarding, so no event falls between
 * the two; a plain reset is followed by a reconfiguration, at whose end the bridge comes back.
 *
 * <p>While it is in, it hands each event on itself: to fapilog's appender where the configuration
 * before the reset sent it there, and to the appenders Logback still has on the logger's way up.
 * It decides for the turbo filters behind it, once each: what one denies is denied, what one
 * accepts passes whatever its level, and otherwise the logger's level decides, as Logback would.
 * An event with no message, no arguments and no throwable cannot be told from a level probe
 * ({@code isInfoEnabled()}) here, and is left to Logback.
 */
final class ResetBridge extends TurboFilter {

    private final FapilogAppender appender;
    /**
     * The loggers whose events the configuration before the reset sent to the held appender or
     * stopped: by name, whether one holds it (the root always is one), for those that do and those
     * that are not additive. A logger's events reached it if the first of these on its way up holds it.
     */
    private final Map<String, Boolean> routes;
    /** Each logger's effective level before the reset, which sets every logger it passes to DEBUG. */
    private final Map<String, Level> levels;
    private volatile boolean forwarding = true;

    private ResetBridge(FapilogAppender appender, Map<String, Boolean> routes, Map<String, Level> levels) {
        this.appender = appender;
        this.routes = routes;
        this.levels = levels;
        setName("fapilog-reset-bridge");
    }

    /** Whether the current thread is resetting a Logback context: only a reset stops the appender so. */
    static boolean resetting() {
        return onTheStack("reset");
    }

    /** Brings the filter in for {@code appender}, which {@code context}'s reset is stopping. */
    static void bringIn(LoggerContext context, FapilogAppender appender) {
        Map<String, Boolean> routes = new HashMap<>();
        Map<String, Level> levels = new HashMap<>();
        for (Logger logger : context.getLoggerList()) {
            levels.put(logger.getName(), logger.getEffectiveLevel());
            boolean holdsFapilog = logger.getAppender(appender.getName()) == appender; // the bridge's, or one in logback.xml
            if (holdsFapilog || !logger.isAdditive() || logger.getName().equals(Logger.ROOT_LOGGER_NAME)) {
                routes.put(logger.getName(), holdsFapilog);
            }
        }
        ResetBridge bridge = new ResetBridge(appender, routes, levels);
        bridge.setContext(context);
        bridge.start();
        context.getTurboFilterList().add(0, bridge);
    }

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        if (!forwarding) {
            return FilterReply.NEUTRAL;
        }
        FilterReply decision = decisionBehind(marker, logger, level, format, params, t);
        if (decision == FilterReply.NEUTRAL) {
            decision = level.isGreaterOrEqual(levelBefore(logger)) ? FilterReply.ACCEPT : FilterReply.DENY;
        }
        boolean levelProbe = format == null && params == null && t == null; // isInfoEnabled() and the like ask so
        if (decision == FilterReply.ACCEPT && !levelProbe
                && handedOver(logger, () -> new LoggingEvent(Logger.FQCN, logger, level, format, t, params), marker)) {
            return FilterReply.DENY;
        }
        return decision; // decided for the filters behind too: the chain asks none of them again
    }

    /** SLF4J's fluent API, whose level was checked when the event was built. */
    @Override
    public FilterReply decide(Logger logger, org.slf4j.event.LoggingEvent slf4jEvent) {
        if (!forwarding) {
            return FilterReply.NEUTRAL;
        }
        if (decisionBehind(logger, slf4jEvent) == FilterReply.DENY) {
            return FilterReply.DENY;
        }
        String boundary = slf4jEvent.getCallerBoundary();
        Supplier<LoggingEvent> event = () -> {
            LoggingEvent built = new LoggingEvent(boundary != null ? boundary : Logger.FQCN, logger,
                    Level.convertAnSLF4JLevel(slf4jEvent.getLevel()), slf4jEvent.getMessage(), slf4jEvent.getThrowable(),
                    slf4jEvent.getArgumentArray());
            List<Marker> markers = slf4jEvent.getMarkers();
            if (markers != null) {
                markers.forEach(built::addMarker);
            }
            built.setKeyValuePairs(slf4jEvent.getKeyValuePairs());
            return built;
        };
        // ACCEPT is NEUTRAL for the fluent API, without asking the filters behind again
        return handedOver(logger, event, null) ? FilterReply.DENY : FilterReply.ACCEPT;
    }

    /**
     * Hands the event to fapilog's appender, if the configuration before the reset sent it there,
     * and to the appenders Logback still has on the logger's way up, while the filter is in: then
     * Logback must not hand it on itself, since the reset may detach an appender by the time it
     * would. The bridge's appender installed again at the end of a stop is left out: fapilog has it.
     */
    private boolean handedOver(Logger logger, Supplier<LoggingEvent> event, Marker marker) {
        if (!forwarding) {
            return false;
        }
        LoggingEvent built = event.get();
        built.addMarker(marker);
        if (reachedFapilog(logger)) {
            appender.doAppend(built);
        }
        appendToTheOthers(logger, built);
        return true;
    }

    /** What {@link Logger#callAppenders} does, without the bridge's appenders and without warning of none. */
    private void appendToTheOthers(Logger logger, LoggingEvent event) {
        LoggerContext context = logger.getLoggerContext();
        for (String name = logger.getName(); ; name = parentOf(name)) {
            Logger now = context.exists(name);
            if (now != null) {
                now.iteratorForAppenders().forEachRemaining(other -> {
                    boolean fapilogHasIt = other == appender
                            || other instanceof FapilogAppender && FapilogAppender.NAME.equals(other.getName()); // the bridge, back
                    if (!fapilogHasIt && other.isStarted()) { // one the reset stopped is about to go: it would only warn
                        other.doAppend(event);
                    }
                });
                if (!now.isAdditive()) {
                    return;
                }
            }
            if (name.equals(Logger.ROOT_LOGGER_NAME)) {
                return;
            }
        }
    }

    /** The reset's last step: the bridge is back first when the context is being stopped. */
    @Override
    public void stop() {
        if (onTheStack("stop")) {
            LogbackBridge.reinstallAfterStop((LoggerContext) getContext());
        }
        forwarding = false;
        super.stop();
    }

    /** {@code logger}'s effective level before the reset (a logger made since: its nearest ancestor's). */
    private Level levelBefore(Logger logger) {
        return nearest(levels, logger);
    }

    /** Whether the configuration before the reset sent {@code logger}'s events to fapilog. */
    private boolean reachedFapilog(Logger logger) {
        return nearest(routes, logger);
    }

    /** The value of {@code logger}, else of its nearest ancestor, in a map that holds the root's. */
    private static <T> T nearest(Map<String, T> byName, Logger logger) {
        for (String name = logger.getName(); ; name = parentOf(name)) {
            T value = byName.get(name);
            if (value != null) {
                return value;
            }
        }
    }

    private static String parentOf(String name) {
        int separator = Math.max(name.lastIndexOf('.'), name.lastIndexOf('$'));
        return separator > 0 ? name.substring(0, separator) : Logger.ROOT_LOGGER_NAME;
    }

    private FilterReply decisionBehind(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        for (TurboFilter filter : logger.getLoggerContext().getTurboFilterList()) {
            FilterReply reply = filter == this ? FilterReply.NEUTRAL : filter.decide(marker, logger, level, format, params, t);
            if (reply != FilterReply.NEUTRAL) {
                return reply;
            }
        }
        return FilterReply.NEUTRAL;
    }

    private FilterReply decisionBehind(Logger logger, org.slf4j.event.LoggingEvent slf4jEvent) {
        for (TurboFilter filter : logger.getLoggerContext().getTurboFilterList()) {
            FilterReply reply = filter == this ? FilterReply.NEUTRAL : filter.decide(logger, slf4jEvent);
            if (reply != FilterReply.NEUTRAL) {
                return reply;
            }
        }
        return FilterReply.NEUTRAL;
    }

    /** Whether {@link LoggerContext}'s {@code method} is running on this thread: Logback tells it nowhere else. */
    private static boolean onTheStack(String method) {
        return StackWalker.getInstance().walk(frames -> frames.anyMatch(frame -> frame.getMethodName().equals(method)
                && frame.getClassName().equals(LoggerContext.class.getName())));
    }
}
