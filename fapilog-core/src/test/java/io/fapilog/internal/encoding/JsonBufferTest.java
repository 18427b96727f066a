package io.fapilog.internal.encoding;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonBufferTest {

    private final JsonBuffer json = new JsonBuffer(32);

    /** Escaped, so a terminal or viewer shows the line in the order it is written; parsers read the same text back. */
    @Test
    void escapesBidirectionalControls() {
        json.string("a\u202Eb\u2066c\u2069d\u200Ee\u200Ff\u061Cg\u202Ah\u00e9");

        assertThat(json.toString())
                .isEqualTo("\"a\\u202eb\\u2066c\\u2069d\\u200ee\\u200ff\\u061cg\\u202ah\u00e9\"");
    }

    @Test
    void separatesMembersWithCommas() {
        json.beginObject();
        json.name("a");
        json.number(1);
        json.name(JsonBuffer.encodeName("b"));
        json.beginArray();
        json.bool(true);
        json.nullValue();
        json.string("s");
        json.beginObject();
        json.endObject();
        json.number(-2.5);
        json.endArray();
        json.name("c");
        json.bool(false);
        json.endObject();

        assertThat(json.toString()).isEqualTo("{\"a\":1,\"b\":[true,null,\"s\",{},-2.5],\"c\":false}");
    }

    /**
     * A cut counts what the log call's own cut left out (its marker ends the text), and nothing else:
     * text that only looks like a marker (no digits, a sign, a huge number) is counted as text, never
     * failing the event.
     */
    @Test
    void aCutCountsWhatTheCallsCutLeftOutAndOnlyThat() {
        String head = "x".repeat(200);
        assertThat(CutMarker.removedChars(head + "...[truncated 999800 chars]", 100)).isEqualTo(100 + 999_800);
        assertThat(CutMarker.removedChars(head + "…[truncated 999800 chars]", 100)).as("a trimmed value's").isEqualTo(100 + 999_800);
        for (String lookalike : new String[] {"...[truncated  chars]", "...[truncated -500 chars]", "...[truncated +5 chars]",
                "...[truncated 92233720368547758070 chars]", "...[truncated ٥ chars]", "...[truncated chars]"}) {
            String text = head + lookalike;
            assertThat(CutMarker.removedChars(text, 100)).as(lookalike).isEqualTo(text.length() - 100L);
        }
        json.string(head + "...[truncated chars]", 100);
        assertThat(json.toString()).isEqualTo("\"" + "x".repeat(100) + "…[truncated " + (100 + "...[truncated chars]".length())
                + " chars]\"");
    }

    @Test
    void writesLongsWithoutAllocating() {
        for (long value : new long[] {0, 7, -7, 9, 10, 11, 99, 100, 101, 1_000, 65_536, Integer.MAX_VALUE, Integer.MAX_VALUE + 1L,
                -(Integer.MAX_VALUE + 1L), 123_456_789_012L, Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1,
                999_999_999_999_999_999L, 1_000_000_000_000_000_000L}) {
            json.reset();
            json.number(value);
            assertThat(json.toString()).isEqualTo(Long.toString(value));
        }
    }

    @Test
    void writesEveryLengthOfLongAroundEachPowerOfTenAndOfTwo() {
        java.util.List<Long> values = new java.util.ArrayList<>();
        long power = 1;
        for (int exponent = 0; exponent <= 18; exponent++, power *= 10) {  // 10^18 is the largest that fits
            values.addAll(java.util.List.of(power - 1, power, power + 1));
        }
        for (int bits = 0; bits < 63; bits++) {
            values.addAll(java.util.List.of((1L << bits) - 1, 1L << bits, (1L << bits) + 1));
        }
        values.add(Long.MAX_VALUE);  // 19 digits: the last power of ten in the table
        java.util.SplittableRandom random = new java.util.SplittableRandom(42);
        for (int i = 0; i < 10_000; i++) {
            values.add(random.nextLong() >> random.nextInt(64));
        }
        for (long value : values) {
            for (long signed : new long[] {value, -value}) {
                json.reset();
                json.number(signed);
                assertThat(json.toString()).isEqualTo(Long.toString(signed));
            }
            if (value >= 0) {
                assertThat(JsonBuffer.decimalLength(value)).as("length of %d", value).isEqualTo(Long.toString(value).length());
            }
        }
    }

    @Test
    void encodesUtf8() {
        json.string("é€😀");

        assertThat(json.toString()).isEqualTo("\"é€😀\"");
        assertThat(json.length()).isEqualTo(2 + 2 + 3 + 4);
    }

    @Test
    void reportsAlteredNamesAndSanitizesThemTheSameWay() {
        assertThat(json.name("plain")).isFalse();
        assertThat(json.name("lone\uDC00")).isTrue();
        assertThat(json.name("x".repeat(40))).isTrue();
        assertThat(json.sanitize("plain")).isSameAs("plain");
        assertThat(json.sanitize("lone\uDC00")).isEqualTo("lone\uFFFD");
        assertThat(json.sanitize("x".repeat(40))).isEqualTo("x".repeat(32) + "…[truncated 8 chars]");
        // names only: no value ends before the next name, so no comma
        assertThat(json.toString()).isEqualTo("\"plain\":\"lone\uFFFD\":\"" + "x".repeat(32) + "…[truncated 8 chars]\":");
    }

    @Test
    void rewindsToAMark() {
        json.beginArray();
        json.number(1);
        int mark = json.mark();
        json.string("half");
        json.rewind(mark);
        json.number(2);
        json.endArray();

        assertThat(new String(json.array(), 0, json.length(), StandardCharsets.UTF_8)).isEqualTo("[1,2]");
    }

    @Test
    void aCommaFollowsWhatEndsAValueWhateverWroteIt() {
        json.beginObject();
        json.name(JsonBuffer.encodeName("t"));
        json.raw((byte) '"');
        json.digits(7, 3);
        json.raw((byte) '"');
        json.name(JsonBuffer.encodeName("n"));
        json.raw((byte) '1');
        json.raw((byte) '.');
        json.digits(5, 2);
        json.name("s");
        json.string("\u00e9t\u00e9");
        json.name("u");
        json.string("\u2028");
        json.name("q");
        json.text("ab\"");
        json.name("e");
        json.beginArray();
        json.endArray();
        json.endObject();

        assertThat(json.toString())
                .isEqualTo("{\"t\":\"007\",\"n\":1.05,\"s\":\"\u00e9t\u00e9\",\"u\":\"\\u2028\",\"q\":ab\\\",\"e\":[]}");
    }

    @Test
    void afterARewindACommaFollowsOnlyIfTheByteBeforeTheMarkEndsAValue() {
        json.beginObject();
        int afterOpening = json.mark();
        json.name("a");
        json.number(1);
        json.rewind(afterOpening);
        json.name("b");
        int afterName = json.mark();
        json.string("half");
        json.rewind(afterName);
        json.number(2);
        int afterValue = json.mark();
        json.name("c");
        json.rewind(afterValue);
        json.name("d");
        json.bool(true);
        json.endObject();

        assertThat(json.toString()).isEqualTo("{\"b\":2,\"d\":true}");
    }

    @Test
    void aResetBufferStartsWithoutAComma() {
        json.number(1);
        json.reset();
        json.beginArray();
        json.number(2);
        json.endArray();

        assertThat(json.toString()).isEqualTo("[2]");
    }

    @Test
    void textEndingLikeAValueIsFollowedByACommaAndTextEndingInAMultiByteCharIsNot() {
        json.text("ab1");
        json.name("x");
        json.text("\u00e9");
        json.name("y");

        assertThat(json.toString()).isEqualTo("ab1,\"x\":\u00e9\"y\":");
    }

    @Test
    void anAlteredNameIsReportedEveryTimeItIsWritten() {
        for (int round = 0; round < 3; round++) {
            assertThat(json.name("lone\uDC00")).isTrue();
            assertThat(json.name("plain")).isFalse();
        }
    }

    @Test
    void aRepeatedNameIsWrittenFromItsRememberedBytesExactlyAsTheFirstTime() {
        String[] names = {"pid", "user", "host", "item_id", "a", "h\u00e9", "twenty-chars-long-nm", "x".repeat(31)};
        for (int round = 0; round < 3; round++) {
            json.reset();
            json.beginObject();
            for (String name : names) {
                json.name(name);
                json.number(round);
            }
            json.endObject();
            assertThat(json.toString()).isEqualTo("{\"pid\":" + round + ",\"user\":" + round + ",\"host\":" + round
                    + ",\"item_id\":" + round + ",\"a\":" + round + ",\"h\u00e9\":" + round
                    + ",\"twenty-chars-long-nm\":" + round + ",\"" + "x".repeat(31) + "\":" + round + "}");
        }
    }

    @Test
    void aRepeatedStringIsWrittenFromItsRememberedBytesExactlyAsTheFirstTime() {
        String[] values = {"alice", "bench", "h\u00e9llo \"q\"", "tab\there", "\u2028", "x", "\ud83d\ude00 smile",
                "twelve chars"};
        JsonBuffer first = new JsonBuffer(32);
        for (String value : values) {
            first.string(value);
        }
        String once = first.toString();
        for (int round = 0; round < 3; round++) {
            json.reset();
            for (String value : values) {
                json.string(value);
            }
            assertThat(json.toString()).isEqualTo(once);
        }
        assertThat(once).isEqualTo("\"alice\",\"bench\",\"h\u00e9llo \\\"q\\\"\",\"tab\\there\",\"\\u2028\",\"x\","
                + "\"\ud83d\ude00 smile\",\"twelve chars\"");
    }

    @Test
    void stringsSharingACacheSlotAndCutStringsAreNeverConfused() {
        // same length and same end characters: the same slot
        String a = "a-one-z";
        String b = "a-two-z";
        String cut = "a".repeat(40); // longer than this buffer's limit of 32
        for (int round = 0; round < 3; round++) {
            json.reset();
            json.string(a);
            json.string(b);
            json.string(cut);
            json.string(a);
            assertThat(json.toString()).isEqualTo("\"a-one-z\",\"a-two-z\",\"" + "a".repeat(32)
                    + "…[truncated 8 chars]\",\"a-one-z\"");
        }
    }
}
