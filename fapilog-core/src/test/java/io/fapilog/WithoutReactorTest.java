package io.fapilog;

import io.fapilog.config.InvalidSettingException;
import io.fapilog.config.ModeSelection;
import io.fapilog.config.SinkType;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reactor is optional: without it the thread mode runs, and a mode that needs it says so. A forced
 * {@code bound-loop} was taken, reported as such by its loggers, and run without its Reactor workers
 * (a burst dropped 63 % of its events where the thread mode dropped none).
 */
class WithoutReactorTest {

    @Test
    void modesThatNeedReactorAreRefusedAndTheThreadModeRuns() throws Exception {
        OwnJvm run = OwnJvm.run(WithoutReactor.class, Map.of(), null, entry -> !entry.contains("reactor"));

        assertThat(run.stdout().lines().toList()).containsExactly(
                "reactor present: false",
                "bound-loop: Invalid value 'bound-loop' for fapilog.mode; allowed: auto or thread without Project"
                        + " Reactor on the class path (async and bound-loop need io.projectreactor:reactor-core, managed by the Spring Boot BOM;"
                        + " on the module path, also 'requires reactor.core;' in your module)",
                "async: Invalid value 'async' for fapilog.mode; allowed: auto or thread without Project"
                        + " Reactor on the class path (async and bound-loop need io.projectreactor:reactor-core, managed by the Spring Boot BOM;"
                        + " on the module path, also 'requires reactor.core;' in your module)",
                "auto: THREAD, written 1",
                "AsyncLogger: IllegalStateException");
    }

    /** Run in a JVM of its own, without Reactor's jars on its class path. */
    public static final class WithoutReactor {
        public static void main(String[] args) throws Exception {
            System.out.println("reactor present: " + isPresent("reactor.core.publisher.Mono"));
            for (ModeSelection mode : new ModeSelection[] {ModeSelection.BOUND_LOOP, ModeSelection.ASYNC}) {
                try {
                    Fapilog.builder().sinks(SinkType.IN_MEMORY).mode(mode).shutdownHook(false).start().close();
                    System.out.println(mode.id() + ": started");
                } catch (InvalidSettingException refused) {
                    System.out.println(mode.id() + ": " + refused.getMessage());
                }
            }
            try (FapilogRuntime runtime = Fapilog.builder().sinks(SinkType.IN_MEMORY).shutdownHook(false).start()) {
                Logger log = runtime.getLogger("main");
                log.info("in thread mode");
                System.out.println("auto: " + log.executionMode() + ", written " + runtime.flush().get().processed());
                try {
                    runtime.getAsyncLogger("main");
                } catch (IllegalStateException expected) {
                    System.out.println("AsyncLogger: " + expected.getClass().getSimpleName());
                }
            }
        }

        private static boolean isPresent(String type) {
            try {
                Class.forName(type);
                return true;
            } catch (ClassNotFoundException e) {
                return false;
            }
        }
    }
}
