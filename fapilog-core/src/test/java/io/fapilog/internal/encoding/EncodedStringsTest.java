package io.fapilog.internal.encoding;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EncodedStringsTest {

    private final EncodedStrings strings = EncodedStrings.values(8, 12);

    // same length and same first, middle and last characters: one set
    private final String pid = new String("pi-xd");
    private final String pad = new String("pa-xd");
    private final String pud = new String("pu-xd");

    @Test
    void twoStringsOfOneSetUsedInTurnBothStayRemembered() {
        remember(pid);
        remember(pad);

        for (int round = 0; round < 3; round++) {
            assertThat(text(strings.find(pid))).isEqualTo("\"pi-xd\"");
            assertThat(text(strings.find(pad))).isEqualTo("\"pa-xd\"");
        }
    }

    @Test
    void aThirdStringOfTheSetReplacesTheOneUsedLeastRecently() {
        remember(pid);
        remember(pad);
        strings.find(pid);

        remember(pud);

        assertThat(strings.find(pad)).isEqualTo(-1);
        assertThat(text(strings.find(pid))).isEqualTo("\"pi-xd\"");
        assertThat(text(strings.find(pud))).isEqualTo("\"pu-xd\"");
    }

    @Test
    void findsByIdentityNotByEquality() {
        remember(pid);

        assertThat(strings.find(new String("pi-xd"))).isEqualTo(-1);
    }

    @Test
    void keepsOnlyStringsAndEncodingsWithinItsLimits() {
        assertThat(strings.fits("")).isFalse();
        assertThat(strings.fits("x".repeat(9))).isFalse();
        assertThat(strings.fits("x".repeat(8))).isTrue();

        String wide = "\u20ac\u20ac\u20ac\u20ac"; // 4 chars, 12 bytes plus quotes
        remember(wide);

        assertThat(strings.find(wide)).isEqualTo(-1);
    }

    @Test
    void namesOfOneHashSetKeepBothWhenUsedInTurn() {
        EncodedStrings names = EncodedStrings.names(45, 48);
        // "Aa" and "BB" have the same hash code
        String aa = new String("Aa");
        String bb = new String("BB");
        for (String name : new String[] {aa, bb}) {
            byte[] encoded = ('"' + name + "\":").getBytes(StandardCharsets.UTF_8);
            names.remember(name, encoded, 0, encoded.length);
        }

        assertThat(text(names, names.find(aa))).isEqualTo("\"Aa\":");
        assertThat(text(names, names.find(bb))).isEqualTo("\"BB\":");
    }

    private void remember(String s) {
        byte[] encoded = ('"' + s + '"').getBytes(StandardCharsets.UTF_8);
        strings.remember(s, encoded, 0, encoded.length);
    }

    private String text(int slot) {
        return text(strings, slot);
    }

    private static String text(EncodedStrings strings, int slot) {
        assertThat(slot).isNotNegative();
        return new String(strings.bytes(slot), 0, strings.length(slot), StandardCharsets.UTF_8);
    }
}
