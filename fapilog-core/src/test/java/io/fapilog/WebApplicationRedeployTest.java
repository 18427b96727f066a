package io.fapilog;

import io.fapilog.config.FullPolicy;
import io.fapilog.sinks.InMemorySink;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.lang.ref.WeakReference;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * Fapilog inside a web application's class loader ({@code WEB-INF/lib} of a WAR in a servlet
 * container), which the container drops at each redeploy. Before the fix every redeploy kept the old
 * loader, and with it every class the application had loaded (24 MB of Metaspace a redeploy, measured
 * on Tomcat 11): a {@code ClassValue} of fapilog's held a value of a fapilog class for JDK classes
 * ({@code HashMap.class} outlives every application), and the redactor's per-thread walk stayed on the
 * container's thread that wrote the events logged after the drain.
 */
class WebApplicationRedeployTest {

    /** The web application: loaded, with fapilog and everything else of the class path, by a {@link WebApplicationLoader}. */
    public static final class Application implements Function<String, long[]> {

        private FapilogRuntime runtime;

        @Override
        public long[] apply(String step) {
            switch (step) {
                case "start" -> runtime = Fapilog.builder().preset(Preset.PRODUCTION).sinks().sink(new InMemorySink())
                        .shutdownHook(false).start();
                case "log" -> {
                    runtime.getLogger("com.acme.Orders").info("Order placed", "order", new HashMap<>(Map.of("id", 7)),
                            "customer", UUID.randomUUID(), "lines", new ArrayList<>(List.of("book")), "password", "hunter2");
                    runtime.flush().join();
                }
                case "start with a small queue" -> runtime = Fapilog.builder().preset(Preset.PRODUCTION)
                        .sinks().sink(TestSinks.writing("slow", batch -> Thread.sleep(1)))
                        .queueCapacity(16).batchMaxSize(1).fullPolicy(FullPolicy.WAIT).waitTimeout(Duration.ofSeconds(30))
                        .shutdownHook(false).start();
                case "log a burst that waits for room" -> {
                    AsyncLogger logger = runtime.getAsyncLogger("com.acme.Orders");
                    List<java.util.concurrent.CompletableFuture<Void>> accepted = new ArrayList<>();
                    for (int i = 0; i < 200; i++) {
                        accepted.add(logger.info("Order placed", "order", i).toFuture());
                    }
                    accepted.forEach(java.util.concurrent.CompletableFuture::join);
                    runtime.flush().join();
                }
                case "stop" -> {
                    runtime.close();
                    reactor.core.scheduler.Schedulers.shutdownNow(); // Reactor's threads are the application's to end
                }
                // after the drain, written by the caller's own thread: a @PreDestroy, a request that ends late
                case "log late" -> runtime.getLogger("com.acme.Orders").warn("Order cancelled", "order", new HashMap<>(Map.of("id", 8)));
                case "log late with an exception" ->
                        runtime.getLogger("com.acme.Orders").error("Order failed", new IllegalStateException("no stock", new java.io.IOException("disk")), "at", java.time.Duration.ofSeconds(3), "bits", java.util.BitSet.valueOf(new long[] {5}), "maybe", java.util.Optional.of("x"));
                case "bridge late" -> runtime.bridge().submit(System.currentTimeMillis(), Level.WARN, "com.acme.Orders",
                        "Order cancelled", new IllegalStateException("no stock"), "http-nio-1", null,
                        new Object[] {"at", java.time.Duration.ofSeconds(3), "bits", java.util.BitSet.valueOf(new long[] {5}),
                                "maybe", java.util.Optional.of("x")}, List.of());
                default -> throw new IllegalArgumentException(step);
            }
            EngineStats stats = runtime.stats();
            return new long[] {stats.submitted(), stats.processed(), stats.dropped(), stats.filtered()};
        }
    }

    @Test
    void aStoppedWebApplicationsClassLoaderIsCollected() throws Exception {
        GarbageCollection.assertCollected(deployLogAndUndeploy(), "the undeployed application's class loader");
    }

    /**
     * With Reactor present, callers that waited for room have their deadlines kept by fapilog's expiry
     * thread, which lived as long as the JVM: it ends now once its runtimes drained.
     */
    @Test
    void aStoppedWebApplicationWhoseCallersWaitedForRoomIsCollected() throws Exception {
        GarbageCollection.assertCollected(deployWaitAndUndeploy(), "the undeployed application's class loader");
    }

    private static WeakReference<ClassLoader> deployWaitAndUndeploy() throws Exception {
        WebApplicationLoader loader = new WebApplicationLoader();
        Function<String, long[]> application = loader.application();
        application.apply("start with a small queue");
        long[] stats = application.apply("log a burst that waits for room");
        assertThat(stats).as("submitted, processed, dropped, filtered").containsExactly(200, 200, 0, 0);
        assertThat(Thread.getAllStackTraces().keySet()).as("the expiry thread kept the waits' deadlines")
                .anyMatch(thread -> thread.getName().equals("fapilog-expiry")
                        && thread.getClass().getClassLoader() == loader);
        application.apply("stop");
        loader.stop();
        loader.close();
        return new WeakReference<>(loader);
    }

    /**
     * A container stops the application's loader (it refuses classes not loaded yet) before its last
     * requests end: Tomcat after its {@code unloadDelay}. An event those requests log then may need a class
     * never loaded (the exception's encoding, a value's capture): before the fixes the failure's own
     * report needed one too, and the capture of a value of a kind not logged before (a {@code Duration},
     * a {@code BitSet}, an {@code Optional}) threw {@code NoClassDefFoundError} into the request. Now
     * the event is written, or counted as failed.
     */
    @Test
    void aLateEventThatNeedsAClassTheStoppedLoaderRefusesIsCountedAndNeverThrown() throws Exception {
        try (WebApplicationLoader loader = new WebApplicationLoader()) {
            Function<String, long[]> application = loader.application();
            application.apply("start");
            application.apply("log");
            application.apply("stop");
            loader.stop();

            assertThatCode(() -> application.apply("log late with an exception")).doesNotThrowAnyException();
            assertThatCode(() -> application.apply("bridge late")).as("a framework's event, through the bridge").doesNotThrowAnyException();
            long[] after = application.apply("log late");
            assertThat(after[0]).as("submitted").isEqualTo(4);
            assertThat(after[1] + after[2]).as("processed and dropped").isEqualTo(4);
        }
    }

    private static WeakReference<ClassLoader> deployLogAndUndeploy() throws Exception {
        WebApplicationLoader loader = new WebApplicationLoader();
        Function<String, long[]> application = loader.application();
        application.apply("start");
        application.apply("log");
        application.apply("stop");
        long[] stats = application.apply("log late");
        assertThat(stats[0]).isEqualTo(2);
        assertThat(stats[1]).as("written, the late one too").isEqualTo(2);
        loader.stop();
        loader.close();
        return new WeakReference<>(loader);
    }

    /**
     * Loads every class of the class path itself, the JDK's from the platform loader, as a servlet
     * container's web application loader does; once {@linkplain #stop stopped} it refuses classes it
     * has not loaded yet.
     */
    private static final class WebApplicationLoader extends URLClassLoader {

        private volatile boolean stopped;

        WebApplicationLoader() {
            super(classPath(), ClassLoader.getPlatformClassLoader());
        }

        private static URL[] classPath() {
            List<URL> urls = new ArrayList<>();
            for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
                try {
                    urls.add(new File(entry).toURI().toURL());
                } catch (MalformedURLException e) {
                    throw new IllegalStateException(e);
                }
            }
            return urls.toArray(URL[]::new);
        }

        @SuppressWarnings("unchecked")
        Function<String, long[]> application() throws ReflectiveOperationException {
            Class<?> type = loadClass(Application.class.getName());
            assertThat(type).isNotSameAs(Application.class);
            return (Function<String, long[]>) type.getConstructor().newInstance();
        }

        void stop() {
            stopped = true;
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            if (stopped) {
                throw new ClassNotFoundException(name + ": the web application is stopped");
            }
            return super.findClass(name);
        }
    }
}
