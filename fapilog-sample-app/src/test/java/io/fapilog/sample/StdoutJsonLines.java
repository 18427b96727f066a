package io.fapilog.sample;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Captures standard output from before the application starts (so the start-up events are seen)
 * to the end of the test class, while still passing it through, and reads it as JSON lines: what a
 * user of the sample app sees. Register it as a static {@code @RegisterExtension} field.
 */
final class StdoutJsonLines implements BeforeAllCallback, AfterAllCallback {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

    private PrintStream original;

    @Override
    public void beforeAll(ExtensionContext context) {
        synchronized (captured) {
            captured.reset();
        }
        original = System.out;
        OutputStream tee = new OutputStream() {
            @Override
            public void write(int b) {
                synchronized (captured) {
                    captured.write(b);
                }
                original.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                synchronized (captured) {
                    captured.write(b, off, len);
                }
                original.write(b, off, len);
            }

            @Override
            public void flush() {
                original.flush();
            }
        };
        // A subclass: Fapilog writes to the file descriptor only while System.out is the JVM's own plain stream.
        System.setOut(new PrintStream(tee, true, StandardCharsets.UTF_8) { });
    }

    @Override
    public void afterAll(ExtensionContext context) {
        System.setOut(original);
    }

    /** Everything written so far. */
    String text() {
        synchronized (captured) {
            return captured.toString(StandardCharsets.UTF_8);
        }
    }

    /** The lines written so far that are JSON objects, parsed. */
    List<JsonNode> events() {
        List<JsonNode> events = new ArrayList<>();
        for (String line : text().split("\n")) {
            if (line.startsWith("{")) {
                try {
                    events.add(JSON.readTree(line));
                } catch (JacksonException e) {
                    // a line cut by a concurrent write to the console: not ours to judge here
                }
            }
        }
        return events;
    }

    List<JsonNode> events(Predicate<JsonNode> filter) {
        return events().stream().filter(filter).toList();
    }

    /** The events of one request, by its {@code context.request_id}. */
    List<JsonNode> request(String requestId) {
        return events(event -> requestId.equals(event.path("context").path("request_id").asString(null)));
    }

    static Predicate<JsonNode> message(String message) {
        return event -> message.equals(event.path("message").asString(null));
    }
}
