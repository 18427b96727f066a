package io.fapilog.internal.pipeline.redactors;

import io.fapilog.internal.event.LogEvent;
import io.fapilog.spi.Redactor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static io.fapilog.spi.Redactor.MASK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.assertj.core.api.Assertions.entry;

class FieldNameRedactorTest {

    private final Redactor redactor = new FieldNameRedactor(Set.of("password", "api_key"));

    @ParameterizedTest
    @ValueSource(strings = {"password", "PASSWORD", "Password", "pass_word", "api_key", "API-KEY", "apiKey",
            "ApiKey", "api__key", "_api_key_", "my_password", "userPassword", "db_password", "user.password",
            "x-api-key", "APIKey", "apiKeyId", "password2", "PASSWORD_CONFIRMATION"})
    void matchesByWordsIgnoringCaseAndSeparators(String key) {
        LogEvent event = Events.withData(key, "s3cr3t");

        redactor.redact(event);

        assertThat(event.data().get(key)).isEqualTo(MASK);
    }

    /** Compounds written in one case show no hump: a word that ends with a name of five letters or more matches. */
    @ParameterizedTest
    @ValueSource(strings = {"dbpassword", "newpassword", "PGPASSWORD", "DBPASSWORD_FILE", "myapikey", "X_APIKEY",
            "smtp.dbpassword"})
    void matchesAWordThatEndsWithAName(String key) {
        LogEvent event = Events.withData(key, "s3cr3t");

        redactor.redact(event);

        assertThat(event.data().get(key)).isEqualTo(MASK);
    }

    @ParameterizedTest
    @CsvSource({"oauth, auth", "cwdpwd, pwd", "ojwt, jwt"})
    void shortNamesMatchAsWordsOnly(String key, String name) {
        FieldNames names = FieldNames.of(Set.of("auth", "pwd", "jwt"));

        assertThat(names.contains(key)).isFalse();
        assertThat(names.contains("old_" + name)).as("as a word").isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"pass", "passwords", "api", "apikeys", "user_id", "", "apiKeys", "rapid_key", "passwordless",
            "passwordhash", "keyapi"})
    void leavesOtherNamesAlone(String key) {
        LogEvent event = Events.withData(key, "visible");

        redactor.redact(event);

        assertThat(event.data().get(key)).isEqualTo("visible");
    }

    public record Account(String user, String password, boolean passwordExpired, Boolean apiKeyRotated) {
    }

    /** A boolean under a sensitive name tells no secret: {@code credentialsNonExpired} is written as it is. */
    @Test
    void booleansAreNeverMasked() {
        LogEvent event = Events.withData("password_expired", true, "api_key", false,
                "account", new Account("ann", "hunter2", true, Boolean.FALSE), "nested", Map.of("password", Boolean.TRUE));

        redactor.redact(event);

        assertThat(event.data().get("password_expired")).isEqualTo(true);
        assertThat(event.data().get("api_key")).isEqualTo(false);
        assertThat(event.data().get("account").toString())
                .isEqualTo("{\"user\":\"ann\",\"password\":\"***\",\"passwordExpired\":true,\"apiKeyRotated\":false}");
        assertThat(event.data().get("nested")).isEqualTo(Map.of("password", true));
    }

    @Test
    void masksInContextWithoutTouchingTheLoggersBoundContext() {
        Object[] bound = {"request_id", "r1", "password", "hunter2"};
        LogEvent event = Events.withContext(bound, "user", "ann");

        redactor.redact(event);

        assertThat(event.context().toMap()).containsExactly(entry("request_id", "r1"), entry("password", MASK));
        assertThat(event.data().toMap()).containsExactly(entry("user", "ann"));
        assertThat(bound).containsExactly("request_id", "r1", "password", "hunter2");
    }

    @Test
    void masksAnyValueTypeAndNullUnderASensitiveName() {
        LogEvent event = Events.withData("password", Map.of("nested", "x"), "api_key", null, "n", 1);

        redactor.redact(event);

        assertThat(event.data().toMap()).containsExactly(entry("password", MASK), entry("api_key", MASK), entry("n", 1));
    }

    @Test
    void masksNestedMapsListsAndArraysIntoCopiesLeavingTheCallersObjectsUnchanged() {
        Map<String, Object> credentials = new LinkedHashMap<>();
        credentials.put("user", "ann");
        credentials.put("Password", "hunter2");
        List<Object> accounts = new ArrayList<>(List.of(Map.of("api-key", "k1"), "plain"));
        Object[] array = {Map.of("apiKey", "k2"), 3};
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("credentials", credentials);
        request.put("accounts", accounts);
        request.put("array", array);
        Map<String, Object> untouched = Map.of("user_id", 7);
        request.put("meta", untouched);
        String before = request.toString() + List.of(array);
        LogEvent event = Events.withData("request", request);

        redactor.redact(event);

        @SuppressWarnings("unchecked")
        Map<String, Object> masked = (Map<String, Object>) event.data().get("request");
        assertThat(masked).isNotSameAs(request).isInstanceOf(io.fapilog.internal.event.EntryMap.class);
        assertThat(masked.get("credentials")).isEqualTo(Map.of("user", "ann", "Password", MASK));
        assertThat(masked.get("accounts")).isEqualTo(List.of(Map.of("api-key", MASK), "plain"));
        assertThat(masked.get("array")).isEqualTo(List.of(Map.of("apiKey", MASK), 3));
        assertThat(masked.get("meta")).isSameAs(untouched);
        assertThat(List.copyOf(masked.keySet())).containsExactly("credentials", "accounts", "array", "meta");
        assertThat(request.toString() + List.of(array)).isEqualTo(before);
        assertThat(credentials.get("Password")).isEqualTo("hunter2");
    }

    @Test
    void sharesStructuresWithNothingToMask() {
        Map<String, Object> nested = new HashMap<>(Map.of("a", List.of(1, Map.of("b", "c")), "d", new Object[] {"e"}));
        LogEvent event = Events.withData("nested", nested, "list", List.of("x"));

        redactor.redact(event);

        assertThat(event.data().get("nested")).isSameAs(nested);
    }

    @Test
    void keepsTheOrderOfASortedMapAndIgnoresNonStringKeys() {
        Map<Object, Object> sorted = new TreeMap<>(Map.of("b", 1, "password", "x", "a", 2));
        Map<Object, Object> numbered = Map.of(1, "password");
        LogEvent event = Events.withData("sorted", sorted, "numbered", numbered);

        redactor.redact(event);

        @SuppressWarnings("unchecked")
        Map<Object, Object> masked = (Map<Object, Object>) event.data().get("sorted");
        assertThat(masked).containsExactly(entry("a", 2), entry("b", 1), entry("password", MASK));
        assertThat(event.data().get("numbered")).isSameAs(numbered);
    }

    @Test
    void cyclesEndWithAMarkerAndDoNotHang() {
        Map<String, Object> parent = new LinkedHashMap<>();
        Map<String, Object> child = new LinkedHashMap<>();
        parent.put("password", "hunter2");
        parent.put("child", child);
        child.put("parent", parent);
        List<Object> selfList = new ArrayList<>();
        selfList.add(selfList);
        selfList.add("x");
        LogEvent event = Events.withData("parent", parent, "list", selfList);

        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> redactor.redact(event));

        assertThat(event.data().get("parent"))
                .isEqualTo(Map.of("password", MASK, "child", Map.of("parent", StructureWalker.CYCLE)));
        assertThat(event.data().get("list")).isEqualTo(List.of(StructureWalker.CYCLE, "x"));
        assertThat(parent.get("password")).isEqualTo("hunter2");
        assertThat(child.get("parent")).isSameAs(parent);
        assertThat(selfList.get(0)).isSameAs(selfList);
    }

    @Test
    void sharedButAcyclicStructuresAreNotCycles() {
        Map<String, Object> shared = Map.of("password", "x");
        LogEvent event = Events.withData("pair", List.of(shared, shared));

        redactor.redact(event);

        assertThat(event.data().get("pair")).isEqualTo(List.of(Map.of("password", MASK), Map.of("password", MASK)));
    }

    @Test
    void masksWhatIsNestedBeyondTheDepthBound() {
        Object deep = "bottom";
        for (int i = 0; i < StructureWalker.MAX_DEPTH + 10; i++) {
            deep = List.of(deep);
        }
        LogEvent event = Events.withData("deep", deep);

        redactor.redact(event);

        Object value = event.data().get("deep");
        for (int i = 0; i < StructureWalker.MAX_DEPTH; i++) {
            value = ((List<?>) value).get(0);
        }
        assertThat(value).isEqualTo(MASK);
    }

    @Test
    void exponentialSharingIsBounded() {
        Object dag = "leaf";
        for (int i = 0; i < 40; i++) {
            dag = List.of(dag, dag);
        }
        LogEvent event = Events.withData("dag", dag);

        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> redactor.redact(event));

        assertThat(event.data().get("dag")).isNotNull();
    }

    @Test
    void rejectsBlankNames() {
        assertThatIllegalArgumentException().isThrownBy(() -> new FieldNameRedactor(Set.of("-_ ")));
    }
}
