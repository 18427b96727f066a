package io.fapilog.internal.pipeline.redactors;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The answers remembered by key identity are the answers of the full match, under contention too. */
class FieldNamesCacheTest {

    private final FieldNames names = FieldNames.of(Set.of("password", "api_key", "token"));

    /** Many more keys than remembered answers, so slots are shared and overwritten; each key asked twice. */
    private static List<String> keys() {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 4_000; i++) {
            keys.add(switch (i % 4) {
                case 0 -> "db_password_" + i;
                case 1 -> "field" + i;
                case 2 -> "x" + i + "ApiKey";
                default -> "tokens" + i; // a word "tokens", not "token"
            });
        }
        return keys;
    }

    private boolean expected(String key) {
        return names.contains(key, 0, key.length()); // the full match, never remembered
    }

    @Test
    void aRepeatedKeyGetsTheSameAnswerAsTheFullMatch() {
        List<String> keys = keys();
        for (int round = 0; round < 2; round++) {
            int sensitive = 0;
            for (String key : keys) {
                assertThat(names.contains(key)).as(key).isEqualTo(expected(key));
                sensitive += names.contains(key) ? 1 : 0;
            }
            assertThat(sensitive).isEqualTo(2_000);
        }
    }

    @Test
    void equalKeysThatAreDifferentStringsAreAnsweredAlike() {
        String literal = "userPassword";
        String built = new StringBuilder("user").append("Password").toString();
        assertThat(names.contains(literal)).isTrue();
        assertThat(names.contains(built)).isTrue();
        assertThat(names.contains(new String("userName"))).isFalse();
    }

    @Test
    void eightThreadsSharingTheTableNeverGetAWrongAnswer() throws Exception {
        List<String> keys = keys();
        AtomicInteger wrong = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int offset = t * 500;
                runs.add(pool.submit(() -> {
                    for (int round = 0; round < 50; round++) {
                        for (int i = 0; i < keys.size(); i++) {
                            String key = keys.get((i + offset) % keys.size());
                            if (names.contains(key) != expected(key)) {
                                wrong.incrementAndGet();
                            }
                        }
                    }
                }));
            }
            for (Future<?> run : runs) {
                run.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(wrong).hasValue(0);
    }
}
