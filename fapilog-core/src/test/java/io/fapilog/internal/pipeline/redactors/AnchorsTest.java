package io.fapilog.internal.pipeline.redactors;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class AnchorsTest {

    @Test
    void eachLiteralIsAnchoredOnItsRarestCharacter() {
        assertThat(Anchors.oneOfEach("eyJ")).isEqualTo(Anchors.of('J'));
        assertThat(Anchors.oneOfEach("AKIA", "ASIA")).isEqualTo(Anchors.of('K', 'S'));
        assertThat(Anchors.oneOfEach("-")).isEqualTo(Anchors.of('-'));
        assertThat(Anchors.oneOfEach("bearer").and(Anchors.oneOfEach("BEARER"))).isEqualTo(Anchors.of('r', 'R'));
        assertThat(Anchors.oneOfEach("x1")).isEqualTo(Anchors.of('x'));
        assertThat(Anchors.oneOfEach("cafe42")).isEqualTo(Anchors.of('f'));
    }

    @Test
    void anEmptyOrNonAsciiLiteralAnchorsNothing() {
        assertThat(Anchors.oneOfEach("")).isEqualTo(Anchors.ANY);
        assertThat(Anchors.oneOfEach("ok", "straße")).isEqualTo(Anchors.ANY);
        assertThat(Anchors.of('a').and(Anchors.ANY)).isEqualTo(Anchors.ANY);
    }

    @Test
    void aValueIsSettledOnlyWhenItHoldsNoAnchor() {
        Anchors anchors = Anchors.of('@', '=', 'z', '\u007f');

        assertThat(anchors.noneIn("user-4711")).isTrue();
        assertThat(anchors.noneIn("")).isTrue();
        assertThat(anchors.noneIn("ünïcode ſ K")).isTrue();
        assertThat(anchors.noneIn("a@b")).isFalse();
        assertThat(anchors.noneIn("k=v")).isFalse();
        assertThat(anchors.noneIn("lazy")).isFalse();
        assertThat(anchors.noneIn("del\u007f")).isFalse();
        assertThat(Anchors.ANY.noneIn("user-4711")).isFalse();
        assertThat(Anchors.NONE.noneIn("a@b=z")).isTrue();
    }

    @Test
    void theAnchoredChainMasksExactlyWhatItsMaskersMaskOneAfterTheOther() {
        List<ValueMasker> maskers = List.of(new UrlCredentialsMasker(),
                new KeyValueTextMasker(FieldNames.of(RedactionPresets.CREDENTIALS.fields())),
                new PatternMasker(concat(RedactionPresets.CREDENTIALS.patterns(), RedactionPresets.HIPAA.patterns())),
                new CardNumberMasker());
        ValueMasker chain = ValueMasker.chain(maskers);
        assertThat(chain.anchors().any()).isFalse();
        String[] parts = {"user", "-", "4711", " ", "bearer ", "Bearer abcd1234", "eyJhdGc.eyJzdWIi.sig", "AKIAABCDEFGHIJKLMNOP",
                "ASIA", "https://u:p@host/x", "@", "password=", "token: ", "=", ":", "4111 1111 1111 1111", "123-45-6789",
                "ſ", "K", "ı", "é", "\"", "{", "}", "&", "jdbc:oracle:thin:scott/tiger@db:1521:orcl", "Cookie: a=b; c=d", "x"};
        Random random = new Random(42);
        int settled = 0;
        for (int n = 0; n < 20_000; n++) {
            StringBuilder value = new StringBuilder();
            for (int i = random.nextInt(6); i >= 0; i--) {
                value.append(parts[random.nextInt(parts.length)]);
            }
            String text = value.toString();
            String expected = text;
            for (ValueMasker masker : maskers) {
                expected = masker.mask(expected);
            }
            String masked = chain.mask(text);
            assertThat(masked).as(text).isEqualTo(expected);
            if (expected == text) {
                assertThat(masked).as(text).isSameAs(text);
            }
            settled += chain.anchors().noneIn(text) ? 1 : 0;
        }
        assertThat(settled).as("values no masker is asked about").isGreaterThan(100);
    }

    @Test
    void aUsersOwnPatternSeesEveryValue() {
        ValueMasker chain = ValueMasker.chain(List.of(new UrlCredentialsMasker(),
                PatternMasker.of(List.of(Pattern.compile("secret")))));

        assertThat(chain.anchors()).isEqualTo(Anchors.ANY);
        assertThat(chain.mask("my secret")).isEqualTo("my ***");
        assertThat(chain.mask("https://u:p@host")).isEqualTo("https://***@host");
    }

    @Test
    void aValueWithoutAnchorsIsReturnedAsItIs() {
        ValueMasker chain = ValueMasker.chain(List.of(new UrlCredentialsMasker(),
                new PatternMasker(RedactionPresets.CREDENTIALS.patterns())));
        String value = new String("user-4711");

        assertThat(chain.anchors()).isEqualTo(Anchors.of('@', 'r', 'R', 'J', 'K', 'S', '$'));
        assertThat(chain.mask(value)).isSameAs(value);
        assertThat(chain.anchors().noneIn("3f2b8c1e-9d4a-4b7e-a1c0-5e6f7a8b9c0d")).as("a UUID").isTrue();
        assertThat(chain.mask("Bearer abcd1234")).isEqualTo("Bearer ***");
        assertThat(chain.mask("eyJa.eyJb.c")).isEqualTo("***");
        assertThat(chain.mask("AKIAABCDEFGHIJKLMNOP")).isEqualTo("***");
    }

    private static List<GuardedPattern> concat(List<GuardedPattern> a, List<GuardedPattern> b) {
        List<GuardedPattern> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
