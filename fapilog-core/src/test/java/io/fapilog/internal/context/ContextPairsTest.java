package io.fapilog.internal.context;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ContextPairsTest {

    @Test
    void addedPairsAreAppendedIntoAnArrayOfExactlyTheirSize() {
        Object[] added = {"request_id", "r1", "method", "GET"};
        Object[] merged = ContextPairs.merge(null, added);
        assertThat(merged).containsExactly("request_id", "r1", "method", "GET").isNotSameAs(added);
        assertThat(ContextPairs.merge(new Object[] {"tenant", "acme"}, added))
                .containsExactly("tenant", "acme", "request_id", "r1", "method", "GET");
    }

    @Test
    void aRepeatedKeyIsReplacedInPlaceAndTheArrayTrimmed() {
        assertThat(ContextPairs.merge(new Object[] {"a", 1, "b", 2}, new Object[] {"a", 3, "c", 4}))
                .containsExactly("a", 3, "b", 2, "c", 4);
        assertThat(ContextPairs.merge(null, new Object[] {"a", 1, "a", 2})).containsExactly("a", 2);
    }

    @Test
    void anOddTrailingValueIsKeptUnderUnpairedAndKeysBecomeStrings() {
        assertThat(ContextPairs.merge(new Object[] {"a", 1}, new Object[] {7, "seven", "loose"}))
                .containsExactly("a", 1, "7", "seven", "_unpaired", "loose");
        assertThat(ContextPairs.merge(null, new Object[] {"loose"})).containsExactly("_unpaired", "loose");
    }

    @Test
    void nothingAddedKeepsTheBaseAndNothingAtAllIsNull() {
        Object[] base = {"a", 1};
        assertThat(ContextPairs.merge(base, new Object[0])).isSameAs(base);
        assertThat(ContextPairs.merge(null, null)).isNull();
        assertThat(ContextPairs.merge(new Object[0], new Object[0])).isNull();
    }
}
