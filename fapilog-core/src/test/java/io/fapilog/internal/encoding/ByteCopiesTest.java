package io.fapilog.internal.encoding;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ByteCopiesTest {

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 3, 4, 5, 7, 8, 9, 15, 16, 17, 23, 24, 31, 63, 64, 65, 200})
    void copiesExactlyTheRunAndNothingAroundIt(int length) {
        byte[] from = new byte[length + 10];
        for (int i = 0; i < from.length; i++) {
            from[i] = (byte) (i * 7 + 1);
        }
        byte[] to = new byte[length + 20];
        Arrays.fill(to, (byte) -1);

        ByteCopies.copy(from, 3, to, 5, length);

        byte[] expected = new byte[length + 20];
        Arrays.fill(expected, (byte) -1);
        System.arraycopy(from, 3, expected, 5, length);
        assertThat(to).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 5, 7, 8, 9, 12, 13, 16, 17, 33, 64})
    void copiesAWholeArrayFromItsStartToTheEndOfAnother(int length) {
        byte[] from = new byte[length];
        for (int i = 0; i < length; i++) {
            from[i] = (byte) ('a' + i % 26);
        }
        byte[] to = new byte[length];

        ByteCopies.copy(from, 0, to, 0, length);

        assertThat(to).isEqualTo(from);
    }
}
