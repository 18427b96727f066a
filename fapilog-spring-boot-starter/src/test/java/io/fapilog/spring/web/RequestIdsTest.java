package io.fapilog.spring.web;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class RequestIdsTest {

    private static final String UUID_PATTERN = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    @ParameterizedTest
    @ValueSource(strings = {"a", "abc-123", "Az09._:-", "7f3c2a10-5d8e-4c3b-9a53-0b1f9b6c1e2d", "span:1.2_3"})
    void validIdsAreKept(String id) {
        assertThat(RequestIds.isValid(id)).isTrue();
        assertThat(RequestIds.resolve(id)).isEqualTo(id);
    }

    @Test
    void upTo128CharactersAreKept() {
        String id = "x".repeat(128);
        assertThat(RequestIds.resolve(id)).isEqualTo(id);
    }

    @Test
    void moreThan128CharactersAreReplaced() {
        String id = "x".repeat(129);
        assertThat(RequestIds.isValid(id)).isFalse();
        assertThat(RequestIds.resolve(id)).matches(UUID_PATTERN);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"abc\r\nX-Injected: yes", "abc\n", "abc\r", "has space", "<script>", "a/b", "a;b",
            "a\"b", "a\tb", "ünïcode", "a%0d%0a", "a\u0000b", "a,b", "\u2028"})
    void anythingElseIsReplacedByANewUuid(String id) {
        assertThat(RequestIds.isValid(id)).isFalse();
        String resolved = RequestIds.resolve(id);
        assertThat(resolved).matches(UUID_PATTERN);
        assertThat(RequestIds.isValid(resolved)).isTrue();
    }

    @Test
    void generatedIdsDiffer() {
        assertThat(RequestIds.generate()).isNotEqualTo(RequestIds.generate());
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String id = RequestIds.generate();
            java.util.UUID uuid = java.util.UUID.fromString(id);
            assertThat(uuid.version()).isEqualTo(4);
            assertThat(uuid.variant()).isEqualTo(2);
            assertThat(RequestIds.isValid(id)).isTrue();
            ids.add(id);
        }
        assertThat(ids).hasSize(10_000);
    }
}
