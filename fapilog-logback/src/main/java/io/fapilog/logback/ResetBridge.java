package io.fapilog.logback;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import ch.qos.logback.core.spi.LifeCycle;
import org.slf4j.Marker;

import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * Hands SLF4J events to fapilog's appender while a reset of Logback's context has taken the
 * appenders away, instead of letting them find none and be lost without a word. A reset stops the
 * components registered with the context first ({@link #watch}), then detaches and stops every
 * logger's appenders, then stops the turbo filters: this one is put first in their list at the
 * first step and goes at the last. A reset that is part of the context's stop (Spring Boot's
 * logging shutdown hook, while other hooks and threads still log) has the bridge installed again
 * before this filter stops forwarding, so no event falls between the two; a plain reset is
 * followed by a reconfiguration, at whose end the bridge comes back.
 *
 * <p>It decides for the filters behind it: what one of them denies is denied, what one accepts is
 * forwarded whatever its level, and otherwise the logger's level decides, as Logback would.
 */
final class ResetBridge extends TurboFilter {

    private final FapilogAppender appender;
    private volatile boolean forwarding = true;

    private ResetBridge(FapilogAppender appender) {
        this.appender = appender;
        setName("fapilog-reset-bridge");
    }

    /** Contexts with a watch registered since their last reset: one each is enough. */
    private static final Set<LoggerContext> WATCHED = Collections.newSetFromMap(Collections.synchronizedMap(new WeakHashMap<>()));

    /** Has the next reset of {@code context} bring this filter in for the bridge's appender installed then. */
    static void watch(LoggerContext context) {
        if (WATCHED.add(context)) {
            context.register(new Watch(context));
        }
    }

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        if (!forwarding) {
            return FilterReply.NEUTRAL;
        }
        FilterReply others = decisionBehind(marker, logger, level, format, params, t);
        boolean levelProbe = format == null && params == null && t == null; // isInfoEnabled() and the like ask so
        if (others == FilterReply.DENY || levelProbe
                || others == FilterReply.NEUTRAL && !level.isGreaterOrEqual(logger.getEffectiveLevel())) {
            return others;
        }
        LoggingEvent event = new LoggingEvent(Logger.FQCN, logger, level, format, t, params);
        event.addMarker(marker);
        appender.doAppend(event);
        return FilterReply.DENY; // forwarded: Logback has nowhere to put it
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
        LoggingEvent event = new LoggingEvent(boundary != null ? boundary : Logger.FQCN, logger,
                Level.convertAnSLF4JLevel(slf4jEvent.getLevel()), slf4jEvent.getMessage(), slf4jEvent.getThrowable(),
                slf4jEvent.getArgumentArray());
        List<Marker> markers = slf4jEvent.getMarkers();
        if (markers != null) {
            markers.forEach(event::addMarker);
        }
        event.setKeyValuePairs(slf4jEvent.getKeyValuePairs());
        appender.doAppend(event);
        return FilterReply.DENY;
    }

    /** The reset's last step: the bridge is back first when the context is being stopped. */
    @Override
    public void stop() {
        if (partOfAStop()) {
            LogbackBridge.reinstallAfterStop((LoggerContext) getContext());
        }
        forwarding = false;
        super.stop();
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

    /** Logback tells a reset from a stop nowhere before the reset is over; its caller does. */
    private static boolean partOfAStop() {
        return StackWalker.getInstance().walk(frames -> frames.anyMatch(frame -> frame.getMethodName().equals("stop")
                && frame.getClassName().equals(LoggerContext.class.getName())));
    }

    /** A component of the context, which the first step of a reset stops: the signal to bring the filter in. */
    private static final class Watch implements LifeCycle {

        private final LoggerContext context;

        Watch(LoggerContext context) {
            this.context = context;
        }

        @Override
        public void stop() {
            WATCHED.remove(context); // the reset forgets its components: the next installation registers a watch again
            FapilogAppender appender = LogbackBridge.installedOn(context);
            if (appender == null) {
                return;
            }
            ResetBridge bridge = new ResetBridge(appender);
            bridge.setContext(context);
            bridge.start();
            appender.holdThroughReset();
            context.getTurboFilterList().add(0, bridge);
        }

        @Override
        public void start() {
        }

        @Override
        public boolean isStarted() {
            return true; // a reset stops only started components
        }
    }
}
