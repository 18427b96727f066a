package io.fapilog.benchmarks.report;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The hottest methods of a JFR recording, per thread: execution samples counted by their top frame
 * (self time) and by every method on the stack (total time). Threads whose names differ only in
 * digits are merged (two JMH workers are one "producer" group). Thread-pool, reflection and JMH
 * frames are left out of the totals.
 *
 * <pre>
 * java -cp benchmarks.jar io.fapilog.benchmarks.report.JfrHotMethods profile.jfr [top=15]
 * </pre>
 */
public final class JfrHotMethods {

    private static final class Group {
        int samples;
        final Map<String, Integer> self = new HashMap<>();
        final Map<String, Integer> total = new HashMap<>();
    }

    private JfrHotMethods() {
    }

    public static void main(String[] args) throws IOException {
        int top = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        Map<String, Group> groups = new HashMap<>();
        try (RecordingFile recording = new RecordingFile(Path.of(args[0]))) {
            while (recording.hasMoreEvents()) {
                RecordedEvent event = recording.readEvent();
                if (!event.getEventType().getName().equals("jdk.ExecutionSample")) {
                    continue;
                }
                RecordedThread thread = event.getThread("sampledThread");
                RecordedStackTrace stack = event.getStackTrace();
                if (thread == null || stack == null || stack.getFrames().isEmpty()) {
                    continue;
                }
                String name = thread.getJavaName() == null ? thread.getOSName() : thread.getJavaName();
                Group group = groups.computeIfAbsent(name.replaceAll("\\d+", "N"), n -> new Group());
                group.samples++;
                List<RecordedFrame> frames = stack.getFrames();
                group.self.merge(method(frames.get(0)), 1, Integer::sum);
                Set<String> seen = new HashSet<>();
                for (RecordedFrame frame : frames) {
                    String m = method(frame);
                    if (!isPlumbing(m) && seen.add(m)) {
                        group.total.merge(m, 1, Integer::sum);
                    }
                }
            }
        }
        groups.entrySet().stream()
                .sorted(Comparator.comparingInt((Map.Entry<String, Group> e) -> e.getValue().samples).reversed())
                .forEach(e -> print(e.getKey(), e.getValue(), top));
    }

    private static void print(String thread, Group group, int top) {
        System.out.printf("%n== thread %s: %d samples%n", thread, group.samples);
        System.out.println("-- self (top frame)");
        printTop(group.self, group.samples, top);
        System.out.println("-- total (on the stack)");
        printTop(group.total, group.samples, top);
    }

    private static void printTop(Map<String, Integer> counts, int samples, int top) {
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .limit(top)
                .forEach(e -> System.out.printf("%6.1f%%  %s%n", 100.0 * e.getValue() / samples, e.getKey()));
    }

    /** Thread-pool, reflection and JMH frames at the root of every stack: not worth listing. */
    private static boolean isPlumbing(String method) {
        return method.startsWith("java.lang.Thread.") || method.startsWith("java.util.concurrent.ThreadPoolExecutor")
                || method.startsWith("java.util.concurrent.FutureTask.") || method.startsWith("java.util.concurrent.Executors")
                || method.startsWith("jdk.internal.reflect.") || method.startsWith("java.lang.reflect.")
                || method.startsWith("org.openjdk.jmh.") || method.contains(".jmh_generated.");
    }

    private static String method(RecordedFrame frame) {
        RecordedMethod method = frame.getMethod();
        return method.getType().getName() + "." + method.getName();
    }
}
