package io.fapilog.internal.event;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A trimmed text is written whole, so its cut must never fall inside a token: a secret the cut met
 * is kept whole, for redaction to find, or left out.
 */
class TrimmedValuesTest {

    private static final String PAD = "x".repeat(9) + " ";

    @Test
    void aCutBetweenTokensStaysWhereItIs() {
        String text = PAD.repeat(20);
        assertThat(TrimmedValues.edge(text, 20)).isEqualTo(20);  // "…x " | "xxxx…"
        assertThat(TrimmedValues.text(text, 20)).isEqualTo(PAD.repeat(2) + "…[truncated 180 chars]");
    }

    @Test
    void aTokenTheCutFallsInIsKeptToItsEndAndTheCharacterThatEndsIt() {
        String secret = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl";
        String text = PAD.repeat(3) + "token=\"" + secret + "\" " + PAD.repeat(10);
        int end = 30 + "token=\"".length() + secret.length() + 1;
        assertThat(TrimmedValues.text(text, 50)).isEqualTo(text.substring(0, end) + "…[truncated " + (text.length() - end) + " chars]");
        assertThat(TrimmedValues.text(text, 40)).as("the token runs past twice 40: left out from its start")
                .isEqualTo(PAD.repeat(3) + "token=\"…[truncated " + (text.length() - 37) + " chars]");
    }

    @Test
    void aTokenLongerThanTheWindowIsLeftOutFromItsStart() {
        String secret = "A".repeat(100);
        String text = PAD.repeat(3) + "key=" + secret + " " + PAD;
        assertThat(TrimmedValues.text(text, 40)).isEqualTo(PAD.repeat(3) + "…[truncated " + (text.length() - 30) + " chars]");
        assertThat(TrimmedValues.text("B".repeat(1_000), 100)).isEqualTo("…[truncated 1000 chars]");
    }

    @Test
    void textThatEndsWithinTheWindowInsideATokenIsKeptWhole() {
        String text = PAD.repeat(3) + "C".repeat(30);
        assertThat(TrimmedValues.text(text, 40)).isSameAs(text);
    }

    @Test
    void shortTextAndBytesAreKeptAndLongBytesBecomeTheirLength() {
        assertThat(TrimmedValues.text("short", 40)).isEqualTo("short");
        byte[] small = new byte[10];
        assertThat(TrimmedValues.bytes(small, 40)).isSameAs(small);
        assertThat(TrimmedValues.bytes(new byte[41], 40)).isEqualTo("[41 bytes, trimmed]");
    }
}
