package io.fapilog.benchmarks.file;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * What logging costs the CPU at a steady rate, the way a web application logs: two producer threads
 * (an event loop each) log the benchmark event at {@code rate} events per second between them, paced,
 * with standard output redirected to a file, for {@code warm} seconds and then {@code steady} seconds,
 * over which the process's CPU time is read: the producers' own threads (the log calls, and the
 * pacing every contender pays alike) and everything else (the library's background threads, GC, JIT).
 * The {@code floor} contender logs nothing (its producers only count), so a contender's cost per event
 * is its CPU per event less the floor's.
 *
 * <pre>
 * java -cp benchmarks.jar io.fapilog.benchmarks.file.PacedCpu &lt;fapilog|logback|log4j2|floor&gt; &lt;rate&gt; &lt;warm_s&gt; &lt;steady_s&gt; &gt; out.jsonl
 * </pre>
 *
 * Prints one line to standard error:
 *
 * <pre>
 * [paced] contender=fapilog rate=1000 producers=2 logged=25000 events=10000 dropped=0 callers_us_per_event=10.1 background_us_per_event=12.3 process_us_per_event=22.4
 * </pre>
 *
 * {@code logged} is every event of the run, {@code events} those logged during the steady window;
 * {@code dropped} is what the contender counted as dropped over the whole run.
 */
public final class PacedCpu {

    private static final int PRODUCERS = 2;
    private static final String PRODUCER_PREFIX = "paced-producer-";

    private PacedCpu() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: PacedCpu <fapilog|logback|log4j2|floor> <rate> <warm_s> <steady_s>");
            System.exit(2);
        }
        String name = args[0];
        int rate = Integer.parseInt(args[1]);
        long warmNanos = Long.parseLong(args[2]) * 1_000_000_000L;
        long steadyNanos = Long.parseLong(args[3]) * 1_000_000_000L;

        FileContender contender = FileThroughput.contender(name);
        contender.start(Target.STDOUT, null);
        long started = System.nanoTime();
        long end = started + warmNanos + steadyNanos;
        LongAdder logged = new LongAdder();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> producers = startProducers(contender, rate, stop, logged, failure);

        LockSupport.parkNanos(started + warmNanos - System.nanoTime());
        Cpu before = Cpu.now();
        long loggedBefore = logged.sum();
        LockSupport.parkNanos(end - System.nanoTime());
        Cpu after = Cpu.now();
        long events = logged.sum() - loggedBefore;
        stop.set(true);   // only now: a thread that ended before the reading would take its CPU time with it
        for (Thread producer : producers) {
            producer.join();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("a producer failed", failure.get());
        }
        long dropped = contender.stopAndDrain();

        double callers = (after.producers() - before.producers()) / 1e3 / events;
        double process = (after.process() - before.process()) / 1e3 / events;
        System.err.printf(Locale.ROOT,
                "[paced] contender=%s rate=%d producers=%d logged=%d events=%d dropped=%d callers_us_per_event=%.3f background_us_per_event=%.3f process_us_per_event=%.3f%n",
                name, rate, PRODUCERS, logged.sum(), events, dropped, callers, process - callers, process);
        System.exit(0);
    }

    /**
     * Each producer logs every {@code PRODUCERS / rate} seconds until {@code stop} is set, sleeping until
     * its next event is due (a late one is logged at once, so the rate holds on average).
     */
    private static List<Thread> startProducers(FileContender contender, int rate, AtomicBoolean stop, LongAdder logged,
            AtomicReference<Throwable> failure) {
        long period = 1_000_000_000L * PRODUCERS / rate;
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < PRODUCERS; p++) {
            long first = p;
            Thread thread = new Thread(() -> {
                try {
                    long due = System.nanoTime();
                    long seq = first;
                    while (!stop.get()) {
                        long wait = due - System.nanoTime();
                        if (wait > 0) {
                            LockSupport.parkNanos(wait);
                            continue;
                        }
                        contender.log(seq);
                        logged.increment();
                        seq += PRODUCERS;
                        due += period;
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }, PRODUCER_PREFIX + (p + 1));
            thread.start();
            threads.add(thread);
        }
        return threads;
    }

    /** CPU time in nanoseconds: the producer threads' and the whole process's. */
    private record Cpu(long producers, long process) {

        static Cpu now() {
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long producers = 0;
            for (var info : threads.getThreadInfo(threads.getAllThreadIds())) {
                if (info != null && info.getThreadName().startsWith(PRODUCER_PREFIX)) {
                    producers += threads.getThreadCpuTime(info.getThreadId());
                }
            }
            var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            return new Cpu(producers, os.getProcessCpuTime());
        }
    }
}
