package io.fapilog;

import io.fapilog.config.Format;
import io.fapilog.sinks.InMemorySink;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Property: however maps, lists, arrays, records, beans and {@code Optional}s nest, a secret at any
 * depth (under a sensitive name of any spelling, or in {@code key=value}, JSON or URL text) never
 * reaches the output, and every non-secret leaf does. Seeded, so a failure names its seed.
 */
class RedactionPropertyTest {

    private static final List<String> SENSITIVE_KEYS = List.of("password", "userPassword", "db_password",
            "user.password", "x-auth-token", "proxy-authorization", "client_secret", "apiKey", "refresh_token",
            "Authorization", "SESSION_ID", "awsSecretAccessKey", "cookie");
    private static final List<String> PLAIN_KEYS = List.of("id", "name", "items", "payload", "owner", "tags",
            "user_name", "region", "count");
    private static final int MAX_DEPTH = 6; // below the encoders' default depth limit of 16

    record Holder(String label, Object child) {
    }

    record Credentials(String user, String password, Object extra) {
    }

    /** A JavaBean: getters become members. */
    public static final class Box {
        private final String title;
        private final String secretKey;
        private final Object content;

        Box(String title, String secretKey, Object content) {
            this.title = title;
            this.secretKey = secretKey;
            this.content = content;
        }

        public String getTitle() {
            return title;
        }

        public String getSecretKey() {
            return secretKey;
        }

        public Object getContent() {
            return content;
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
    void secretsAtRandomDepthsNeverReachTheOutput(long seed) throws Exception {
        Generator generator = new Generator(new Random(seed));
        Format format = Format.values()[(int) (seed % Format.values().length)];
        InMemorySink sink = new InMemorySink();
        int events = 40;
        try (FapilogRuntime runtime = Fapilog.builder().preset(Preset.PRODUCTION).format(format).sinks().sink(sink)
                .shutdownHook(false).start()) {
            Logger log = runtime.getLogger("property");
            for (int i = 0; i < events; i++) {
                log.info("event " + i, "root", generator.value(0), generator.plainKey(), generator.value(0));
            }
            runtime.stopAndDrain().get(10, TimeUnit.SECONDS);
        }

        assertThat(sink.lines()).hasSize(events);
        TestSinks.parse(sink.lines());
        String output = String.join("\n", sink.lines());
        assertThat(generator.secrets).isNotEmpty();
        for (String secret : generator.secrets) {
            assertThat(output).as("seed %d, %s: secret %s", seed, format, secret).doesNotContain(secret);
        }
        for (String kept : generator.kept) {
            assertThat(output).as("seed %d, %s: value %s", seed, format, kept).contains(kept);
        }
    }

    /** Random values; remembers every secret placed and every plain leaf that must survive. */
    private static final class Generator {
        private final Random random;
        private final List<String> secrets = new ArrayList<>();
        private final List<String> kept = new ArrayList<>();
        private int next;

        Generator(Random random) {
            this.random = random;
        }

        String plainKey() {
            return PLAIN_KEYS.get(random.nextInt(PLAIN_KEYS.size())) + next++;
        }

        private String sensitiveKey() {
            return SENSITIVE_KEYS.get(random.nextInt(SENSITIVE_KEYS.size()));
        }

        private String secret() {
            String secret = "SEKRET" + next++ + "x";
            secrets.add(secret);
            return secret;
        }

        private String keep() {
            String value = "keep" + next++ + "v";
            kept.add(value);
            return value;
        }

        Object value(int depth) {
            int choice = depth >= MAX_DEPTH ? random.nextInt(4) : random.nextInt(12);
            return switch (choice) {
                case 0 -> keep();
                case 1 -> keep() + " " + sensitiveKey() + "=" + secret();
                case 2 -> "{\"" + sensitiveKey() + "\":\"" + secret() + "\",\"n\":\"" + keep() + "\"}";
                case 3 -> "https://api.example.com/" + keep() + "?access_token=" + secret() + "&page=2";
                case 4 -> map(depth);
                case 5 -> list(depth);
                case 6 -> array(depth);
                case 7 -> new Holder(keep(), value(depth + 1));
                case 8 -> new Credentials(keep(), secret(), value(depth + 1));
                case 9 -> new Box(keep(), secret(), value(depth + 1));
                case 10 -> Optional.of(map(depth));
                default -> random.nextInt(1000);
            };
        }

        private Map<String, Object> map(int depth) {
            Map<String, Object> map = new LinkedHashMap<>();
            int size = 1 + random.nextInt(3);
            for (int i = 0; i < size; i++) {
                if (random.nextInt(3) == 0) {
                    map.put(sensitiveKey() + "_" + i, random.nextBoolean() ? secret() : secretTree());
                } else {
                    map.put(plainKey(), value(depth + 1));
                }
            }
            return map;
        }

        /** A structure under a sensitive name: masked whole, so only secrets go in it. */
        private Object secretTree() {
            return random.nextBoolean() ? List.of(secret(), secret()) : Map.of("inner", secret());
        }

        private List<Object> list(int depth) {
            List<Object> list = new ArrayList<>();
            int size = 1 + random.nextInt(3);
            for (int i = 0; i < size; i++) {
                list.add(value(depth + 1));
            }
            return list;
        }

        private Object[] array(int depth) {
            return list(depth).toArray();
        }
    }
}
