package io.fapilog;

import io.fapilog.sinks.InMemorySink;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.ref.WeakReference;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application restarted in a new class loader (Spring Boot DevTools, a redeploy) leaves its old
 * classes to the garbage collector: fapilog, loaded by the parent, keeps none of them. Before the
 * fix the values' Jackson mapper, a static, cached every class it wrote (also those of an event
 * logged after the drain), and the drained runtime kept as the default held its ended worker thread,
 * whose context class loader was the application's: each restart kept a whole generation of classes.
 */
class ClassLoaderReleaseTest {

    /** The application's classes, loaded anew by each {@link ApplicationLoader}. */
    public record Order(String id, Customer customer) {
    }

    public static final class Customer {
        private final String name;

        public Customer(String name) {
            this.name = name;
        }

        public String getName() {
            return name;
        }

        public String getPassword() {
            return "hunter2";
        }
    }

    @Test
    void anApplicationsClassLoaderIsReleasedOnceItsRuntimeIsDrainedAndAnotherStarts() throws Exception {
        InMemorySink sink = new InMemorySink();
        WeakReference<ClassLoader> first = runApplication(sink);
        assertThat(sink.lines()).hasSize(2).allSatisfy(line -> assertThat(line)
                .contains("\"customer\":{\"name\":\"ada\"").doesNotContain("hunter2"));

        FapilogRuntime next = Fapilog.builder().preset(Preset.PRODUCTION).sinks().sink(new InMemorySink())
                .shutdownHook(false).start();
        Fapilog.setDefaultRuntime(next);
        try {
            GarbageCollection.assertCollected(first, "the first application's class loader");
        } finally {
            next.close();
            Fapilog.setDefaultRuntime(null);
        }
    }

    /**
     * No other runtime starts (a DevTools restart into an application with fapilog off, or the JVM
     * living on after the last context closed): the drained runtime stays the default for late
     * events, and its ended threads held the application's loader as their context class loader.
     */
    @Test
    void anApplicationsClassLoaderIsReleasedWhileItsDrainedRuntimeIsKept() throws Exception {
        InMemorySink sink = new InMemorySink();
        WeakReference<ClassLoader> first = runApplication(sink);
        try {
            assertThat(Fapilog.applicationRuntime()).isNotNull().matches(FapilogRuntime::isStopped);
            GarbageCollection.assertCollected(first, "the application's class loader");
            assertThat(sink.lines()).hasSize(2);
        } finally {
            Fapilog.setDefaultRuntime(null);
        }
    }

    /**
     * Starts a runtime from a thread whose context class loader is the application's (as Spring Boot
     * DevTools' restarted main thread), logs one of the application's records while it runs and one
     * after its drain (a {@code @PreDestroy}), and returns the application's loader, weakly held.
     */
    private static WeakReference<ClassLoader> runApplication(InMemorySink sink) throws Exception {
        ApplicationLoader loader = new ApplicationLoader();
        Class<?> orderType = loader.loadClass(Order.class.getName());
        Class<?> customerType = loader.loadClass(Customer.class.getName());
        assertThat(orderType).isNotSameAs(Order.class);
        Object order = orderType.getConstructors()[0].newInstance("o-1", customerType.getConstructor(String.class).newInstance("ada"));

        Thread current = Thread.currentThread();
        ClassLoader previous = current.getContextClassLoader();
        current.setContextClassLoader(loader);
        try {
            FapilogRuntime runtime = Fapilog.builder().preset(Preset.PRODUCTION).sinks().sink(sink).shutdownHook(false).start();
            Fapilog.setDefaultRuntime(runtime);
            Logger log = Fapilog.getLogger("com.acme.Orders");
            log.info("order placed", "order", order);
            assertThat(sink.awaitSize(1, Duration.ofSeconds(10))).isTrue();
            runtime.stopAndDrain(Duration.ofSeconds(10));
            log.info("order placed", "order", order); // after the drain: written by the drained runtime
        } finally {
            current.setContextClassLoader(previous);
        }
        return new WeakReference<>(loader);
    }

    /** Defines this test's nested application classes itself (child first), everything else from its parent. */
    private static final class ApplicationLoader extends ClassLoader {

        private static final String OWN = ClassLoaderReleaseTest.class.getName() + "$";

        ApplicationLoader() {
            super(ClassLoaderReleaseTest.class.getClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.startsWith(OWN) || name.contains("ApplicationLoader")) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                if (loaded == null) {
                    byte[] bytes = bytesOf(name);
                    loaded = defineClass(name, bytes, 0, bytes.length);
                }
                return loaded;
            }
        }

        private byte[] bytesOf(String name) throws ClassNotFoundException {
            try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
                if (in == null) {
                    throw new ClassNotFoundException(name);
                }
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
