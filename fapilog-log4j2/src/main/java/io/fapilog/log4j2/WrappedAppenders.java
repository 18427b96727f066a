package io.fapilog.log4j2;

import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.appender.AsyncAppender;
import org.apache.logging.log4j.core.appender.FailoverAppender;
import org.apache.logging.log4j.core.appender.rewrite.RewriteAppender;
import org.apache.logging.log4j.core.appender.routing.Route;
import org.apache.logging.log4j.core.appender.routing.RoutingAppender;
import org.apache.logging.log4j.core.appender.routing.Routes;
import org.apache.logging.log4j.core.config.AppenderRef;
import org.apache.logging.log4j.core.config.Configuration;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;

/**
 * What Log4j2's wrapping appenders hand their events to: {@code Async}'s appenders, {@code Rewrite}'s
 * references, {@code Failover}'s primary and failovers, {@code Routing}'s routes (a reference, or the
 * type of the appender a route defines). Log4j2 offers only {@code Async}'s; the others are read from
 * their fields, which have not changed since Log4j2 2.0: where they cannot be read (another version,
 * a module that does not open them), the wrapper counts as writing elsewhere and is left in place.
 */
final class WrappedAppenders {

    /** An appender a wrapper writes to: one of the configuration's, or only the type of one a route defines. */
    record Target(Appender appender, Class<?> type) {
    }

    private WrappedAppenders() {
    }

    /** The wrapper's targets; empty when {@code appender} wraps none, or they cannot be read. */
    static List<Target> targets(Appender appender, Configuration configuration) {
        try {
            if (appender instanceof AsyncAppender async) {
                // its targets are only known once started (getAppenders() would throw)
                return async.isStarted() ? async.getAppenders().stream().map(a -> new Target(a, a.getClass())).toList() : List.of();
            }
            if (appender instanceof RewriteAppender) {
                List<String> names = new ArrayList<>();
                for (AppenderRef ref : (AppenderRef[]) field(RewriteAppender.class, "appenderRefs").get(appender)) {
                    names.add(ref.getRef());
                }
                return byName(names, configuration);
            }
            if (appender instanceof FailoverAppender) {
                List<String> names = new ArrayList<>();
                names.add((String) field(FailoverAppender.class, "primaryRef").get(appender));
                names.addAll(List.of((String[]) field(FailoverAppender.class, "failovers").get(appender)));
                return byName(names, configuration);
            }
            if (appender instanceof RoutingAppender) {
                List<Target> targets = new ArrayList<>();
                for (Route route : ((Routes) field(RoutingAppender.class, "routes").get(appender)).getRoutes()) {
                    if (route.getAppenderRef() != null) {
                        targets.addAll(byName(List.of(route.getAppenderRef()), configuration));
                    } else if (route.getNode() != null && !definedAppenders(route.getNode()).isEmpty()) {
                        definedAppenders(route.getNode()).forEach(type -> targets.add(new Target(null, type)));
                    } else {
                        return List.of();
                    }
                }
                return targets;
            }
        } catch (ReflectiveOperationException | RuntimeException unreadable) {
            return List.of();
        }
        return List.of();
    }

    /** The types of the appenders a route defines: its node is the {@code <Route>}, the appender one of its children. */
    private static List<Class<?>> definedAppenders(org.apache.logging.log4j.core.config.Node route) {
        List<Class<?>> types = new ArrayList<>();
        for (org.apache.logging.log4j.core.config.Node child : route.getChildren()) {
            if (child.getType() != null && Appender.class.isAssignableFrom(child.getType().getPluginClass())) {
                types.add(child.getType().getPluginClass());
            }
        }
        return types;
    }

    /** The configuration's appenders of those names; empty when one of them is missing. */
    private static List<Target> byName(List<String> names, Configuration configuration) {
        List<Target> targets = new ArrayList<>();
        for (String name : names) {
            Appender target = name == null ? null : configuration.getAppender(name);
            if (target == null) {
                return List.of();
            }
            targets.add(new Target(target, target.getClass()));
        }
        return targets;
    }

    private static Field field(Class<?> type, String name) throws NoSuchFieldException {
        Field field = type.getDeclaredField(name);
        field.setAccessible(true);
        return field;
    }
}
