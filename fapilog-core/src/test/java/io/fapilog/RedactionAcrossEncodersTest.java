package io.fapilog;

import com.fasterxml.jackson.annotation.JsonFormat;
import io.fapilog.config.Format;
import io.fapilog.config.RedactionSettings;
import io.fapilog.sinks.InMemorySink;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every configured secret is masked whatever the output format: the raw secret appears nowhere in
 * the line, and fields the rules name read {@code ***} where each layout puts them.
 */
class RedactionAcrossEncodersTest {

    private static final List<String> SECRETS = List.of(
            "hunter2",                                   // credentials: password field
            "tok-abc-123",                               // credentials: token field, bound context
            "s3cr3t-nested",                             // credentials: nested api_key
            "AKIAABCDEFGHIJKLMNOP",                      // credentials: AWS key id in a value
            "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln", // credentials: JWT in the message
            "Zm9vYmFyYmF6",                              // credentials: Bearer token
            "urlpass",                                   // URL credentials
            "4111111111111111",                          // pci: Luhn-valid card number in a value
            "123-45-6789",                               // hipaa: SSN pattern
            "1985-02-17",                                // hipaa: dob field
            "internal-42",                               // custom field name
            "ORDER-SECRET-9");                           // custom pattern

    @ParameterizedTest
    @EnumSource(Format.class)
    void everySecretIsMaskedInEveryFormat(Format format) throws Exception {
        InMemorySink sink = new InMemorySink();
        FapilogRuntime runtime = Fapilog.builder().preset(Preset.MINIMAL).format(format).sinks().sink(sink)
                .redaction(new RedactionSettings(Set.of("credentials", "pci", "hipaa"), Set.of("internal_id"),
                        List.of("ORDER-SECRET-\\d"), true, false))
                .shutdownHook(false).start();
        Logger log = runtime.getLogger("secrets").bind("token", "tok-abc-123");
        log.info("Login with jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln",
                "password", "hunter2",
                "config", Map.of("nested", List.of(Map.of("api_key", "s3cr3t-nested"))),
                "ref", 4111111111111111L, "ref2", new java.math.BigInteger("4111111111111111"), "at", 1733300000000L);
        log.warn("Calling https://user:urlpass@example.com/x with Authorization Bearer Zm9vYmFyYmF6",
                "note", "key AKIAABCDEFGHIJKLMNOP and card 4111111111111111",
                "dob", "1985-02-17", "ssn_text", "SSN is 123-45-6789");
        log.error("Order ORDER-SECRET-9 failed", "internal_id", "internal-42");
        runtime.stopAndDrain().get(10, TimeUnit.SECONDS);

        List<String> lines = sink.lines();
        assertThat(lines).hasSize(3);
        for (String line : lines) {
            for (String secret : SECRETS) {
                assertThat(line).as("%s line must not contain %s", format, secret).doesNotContain(secret);
            }
        }
        List<JsonNode> events = TestSinks.parse(lines);
        assertThat(field(format, events.get(0), "data", "password").asString()).isEqualTo("***");
        assertThat(field(format, events.get(0), "data", "ref").asString()).as("a card number held as a long").isEqualTo("***");
        assertThat(field(format, events.get(0), "data", "at").isNumber()).as("13 digits, no card: a number still").isTrue();
        assertThat(field(format, events.get(0), "context", "token").asString()).isEqualTo("***");
        assertThat(field(format, events.get(1), "data", "dob").asString()).isEqualTo("***");
        assertThat(field(format, events.get(2), "data", "internal_id").asString()).isEqualTo("***");
        assertThat(events.get(2).get(format == Format.GELF ? "short_message" : "message").asString())
                .isEqualTo("Order *** failed");
    }

    /**
     * A cause chain that loops back (A caused by B caused by A) is written with its loop marked, with
     * redaction as without it: the masked copies loop as the originals do, so B is not shown as the root.
     */
    @ParameterizedTest
    @EnumSource(Format.class)
    void aLoopingCauseChainKeepsItsLoopMarkerWhenRedacted(Format format) throws Exception {
        String minimal = loopingChainLine(Preset.MINIMAL, format);
        String production = loopingChainLine(Preset.PRODUCTION, format);

        assertThat(production).doesNotContain("hunter2");
        assertThat(minimal).containsAnyOf("[cycle]", "CIRCULAR REFERENCE");
        for (String marker : List.of("[cycle]", "CIRCULAR REFERENCE")) {
            assertThat(production.contains(marker)).as("%s in the %s line", marker, format).isEqualTo(minimal.contains(marker));
        }
        assertThat(production.split("Gateway declined", -1)).as("B written once").hasSize(minimal.split("Gateway declined", -1).length);
    }

    private static String loopingChainLine(Preset preset, Format format) throws Exception {
        InMemorySink sink = new InMemorySink();
        FapilogRuntime runtime = started(preset, format, sink);
        IllegalStateException charge = new IllegalStateException("Charge failed, password=hunter2");
        RuntimeException gateway = new RuntimeException("Gateway declined", charge);
        charge.initCause(gateway);
        runtime.getLogger("payments").error("Payment failed", charge);
        runtime.stopAndDrain().get(10, TimeUnit.SECONDS);
        List<String> lines = sink.lines().stream().filter(line -> line.contains("Payment failed")).toList();
        assertThat(lines).hasSize(1);
        TestSinks.parse(lines);
        return lines.get(0);
    }

    /**
     * Text the layouts print beyond the values: field keys (of data, bound context, a map of fields),
     * the logger's name, values written as their text (a path, a file, a host name, a number class of
     * the application's own), and JSON held in a string with its value on the line after the name.
     */
    @ParameterizedTest
    @EnumSource(Format.class)
    void secretsInKeysLoggerNamesAndValuesWrittenAsTextAreMaskedInEveryFormat(Format format) throws Exception {
        InMemorySink sink = new InMemorySink();
        FapilogRuntime runtime = started(Preset.PRODUCTION, format, sink);
        runtime.getLogger("https://svc:SEKRIT-logger@db.example.com/orders").info("named after a URL");
        Logger log = runtime.getLogger("shapes").bind("password=SEKRIT-bound", 1);
        log.info("keys", "https://u:SEKRIT-key@h/x", 2, "token=SEKRIT-key2", 1);
        log.info("a map of fields", Map.of("secret=SEKRIT-map", 1));
        log.info("plain", "number", new TokenNumber(), "path", java.nio.file.Path.of("/tmp/password=SEKRIT-path"),
                "file", new java.io.File("/x/token=SEKRIT-file"),
                "host", java.net.InetAddress.getByAddress("token=SEKRIT-host", new byte[] {127, 0, 0, 1}));
        log.info("json", "body", "{\"password\":\n\"SEKRIT-json\"}");
        log.info("body {\n  \"apiKey\" :\n  \"SEKRIT-message\"\n}");
        runtime.stopAndDrain().get(10, TimeUnit.SECONDS);

        List<String> lines = sink.lines();
        assertThat(lines).hasSize(6);
        TestSinks.parse(lines);
        for (String line : lines) {
            assertThat(line).as("%s line", format).doesNotContain("SEKRIT");
        }
    }

    /** A number type of the application's own, written as its text. */
    static final class TokenNumber extends Number {
        private static final long serialVersionUID = 1L;

        @Override
        public int intValue() {
            return 1;
        }

        @Override
        public long longValue() {
            return 1;
        }

        @Override
        public float floatValue() {
            return 1;
        }

        @Override
        public double doubleValue() {
            return 1;
        }

        @Override
        public String toString() {
            return "token=SEKRIT-number";
        }
    }

    /** Some HTTP clients name their threads after the URL they call: every layout writes the name masked. */
    @ParameterizedTest
    @EnumSource(Format.class)
    void aSecretInTheThreadNameIsMaskedInEveryFormat(Format format) throws Exception {
        InMemorySink sink = new InMemorySink();
        FapilogRuntime runtime = started(Preset.PRODUCTION, format, sink);
        Logger log = runtime.getLogger("threads");
        Thread thread = new Thread(() -> log.info("called"), "OkHttp https://api.example.com/v1?access_token=SEKRET-thread");
        thread.start();
        thread.join();
        runtime.stopAndDrain().get(10, TimeUnit.SECONDS);

        assertThat(sink.lines()).hasSize(1);
        assertThat(sink.lines().get(0)).doesNotContain("SEKRET-thread")
                .contains("OkHttp https://api.example.com/v1?access_token=***");
    }

    /**
     * A value masked under its name is masked where the message repeats it too: concatenated in,
     * through a placeholder, in the context; a value shorter than 4 characters is not looked for.
     */
    @ParameterizedTest
    @EnumSource(Format.class)
    void aValueMaskedUnderItsNameIsMaskedWhereTheMessageRepeatsIt(Format format) throws Exception {
        InMemorySink sink = new InMemorySink();
        FapilogRuntime runtime = started(Preset.PRODUCTION, format, sink);
        Logger log = runtime.getLogger("echo");
        log.info("Login with S3cret-one failed", "password", "S3cret-one");
        log.info("Login {} with {}", "ann", "S3cret-two", "password", "S3cret-two");
        log.bind("token", "tok-three").info("Refreshing tok-three and tok-three again");
        log.info("abc is short", "password", "abc");
        runtime.stopAndDrain().get(10, TimeUnit.SECONDS);

        String messageField = format == Format.GELF ? "short_message" : "message";
        List<String> messages = TestSinks.parse(sink.lines()).stream().map(e -> e.get(messageField).asString()).toList();
        assertThat(messages).containsExactly("Login with *** failed", "Login ann with ***",
                "Refreshing *** and *** again", "abc is short");
    }

    record Login(String user, String password) {
    }

    /**
     * Text masked under its name, at the top or nested, is masked wherever the event repeats it:
     * in fields before and after it, in a key, in a list, in the exception's message.
     */
    @ParameterizedTest
    @EnumSource(Format.class)
    void aValueMaskedUnderItsNameIsMaskedWhereverTheEventRepeatsIt(Format format) throws Exception {
        InMemorySink sink = new InMemorySink();
        FapilogRuntime runtime = started(Preset.PRODUCTION, format, sink);
        Logger log = runtime.getLogger("echo");
        log.error("Login failed", new IllegalStateException("bad password S3cret-four for ann"),
                "note", "typed S3cret-four twice", "password", "S3cret-four", "confirm", "S3cret-four");
        log.info("Signup", "echo", List.of("was S3cret-five"), "request", new Login("ann", "S3cret-five"), "S3cret-five", 1);
        log.info("Form", "raw", "six is S3cret-six", "form", Map.of("client_secret", "S3cret-six".toCharArray()));
        log.info("Short", "password", "abc", "note", "abc stays");
        runtime.stopAndDrain().get(10, TimeUnit.SECONDS);

        List<String> lines = sink.lines();
        assertThat(lines).hasSize(4);
        assertThat(lines).noneMatch(line -> line.contains("S3cret-"));
        List<JsonNode> events = TestSinks.parse(lines);
        assertThat(field(format, events.get(0), "data", "note").asString()).isEqualTo("typed *** twice");
        assertThat(field(format, events.get(0), "data", "confirm").asString()).isEqualTo("***");
        assertThat(lines.get(0)).contains("bad password *** for ann");
        assertThat(field(format, events.get(1), "data", "echo").get(0).asString()).isEqualTo("was ***");
        if (format != Format.GELF) { // GELF's names are [\\w.-] only: the masked key is written otherwise there
            assertThat(field(format, events.get(1), "data", "***").asInt()).isEqualTo(1);
        }
        assertThat(field(format, events.get(2), "data", "raw").asString()).isEqualTo("six is ***");
        assertThat(field(format, events.get(3), "data", "note").asString()).isEqualTo("abc stays");
    }

    record Payment(String user, long ref) {
    }

    record Holder(Map<String, Object> attrs) {
    }

    /** A card number held as a number is masked wherever it is: a record's component, a map in a record, a {@code long[]}, a JSON tree, a {@code BigDecimal}, an {@code OptionalLong}, a whole {@code double}. */
    @ParameterizedTest
    @EnumSource(Format.class)
    void aCardNumberHeldAsANumberIsMaskedInsideStructures(Format format) throws Exception {
        InMemorySink sink = new InMemorySink();
        FapilogRuntime runtime = started(Preset.HARDENED, format, sink);
        Logger log = runtime.getLogger("pay");
        log.info("record", "pay", new Payment("ann", 4111111111111111L));
        log.info("map in a record", "holder", new Holder(Map.of("r", new java.math.BigInteger("4111111111111111"))));
        log.info("long[]", "refs", new long[] {1733300000000L, 4111111111111111L, 7L});
        log.info("tree", "tree", TestSinks.JSON.createObjectNode().put("ref", 4111111111111111L).put("at", 1733300000000L));
        log.info("optional and double", "opt", java.util.OptionalLong.of(4111111111111111L),
                "list", List.of(java.util.OptionalLong.of(4111111111111111L)), "double", 4111111111111111d,
                "doubles", new double[] {0.5, 4111111111111111d},
                "ratio", 0.25, "big", 1.0e18, "tree", TestSinks.JSON.createObjectNode().put("ref", 4111111111111111d));
        log.info("decimals", "amount", new java.math.BigDecimal("4111111111111111.00"),
                "exponent", new java.math.BigDecimal("4.111111111111111E+15"), "price", new java.math.BigDecimal("12.50"),
                "tree", TestSinks.JSON.createObjectNode().put("ref", new java.math.BigDecimal("4111111111111111")));
        runtime.stopAndDrain().get(10, TimeUnit.SECONDS);

        List<String> lines = sink.lines();
        assertThat(lines).hasSize(6).noneMatch(line -> line.contains("4111111111111111"))
                .noneMatch(line -> line.contains("4.111111111111111"));
        List<JsonNode> events = TestSinks.parse(lines);
        assertThat(field(format, events.get(0), "data", "pay").toString()).isEqualTo("{\"user\":\"ann\",\"ref\":\"***\"}");
        assertThat(field(format, events.get(1), "data", "holder").toString()).isEqualTo("{\"attrs\":{\"r\":\"***\"}}");
        assertThat(field(format, events.get(2), "data", "refs").toString()).isEqualTo("[1733300000000,\"***\",7]");
        assertThat(field(format, events.get(3), "data", "tree").toString()).isEqualTo("{\"ref\":\"***\",\"at\":1733300000000}");
        assertThat(field(format, events.get(4), "data", "opt").asString()).isEqualTo("***");
        assertThat(field(format, events.get(4), "data", "list").toString()).isEqualTo("[\"***\"]");
        assertThat(field(format, events.get(4), "data", "double").asString()).isEqualTo("***");
        assertThat(field(format, events.get(4), "data", "doubles").toString()).isEqualTo("[0.5,\"***\"]");
        assertThat(field(format, events.get(4), "data", "ratio").doubleValue()).isEqualTo(0.25);
        assertThat(field(format, events.get(4), "data", "big").doubleValue()).isEqualTo(1.0e18);
        assertThat(field(format, events.get(4), "data", "tree").toString()).isEqualTo("{\"ref\":\"***\"}");
        assertThat(field(format, events.get(5), "data", "amount").asString()).isEqualTo("***");
        assertThat(field(format, events.get(5), "data", "exponent").asString()).isEqualTo("***");
        assertThat(field(format, events.get(5), "data", "price").decimalValue()).isEqualByComparingTo("12.50");
        assertThat(field(format, events.get(5), "data", "tree").toString()).isEqualTo("{\"ref\":\"***\"}");
    }

    record Pin(long password) {
    }

    record Renamed(String user, @com.fasterxml.jackson.annotation.JsonProperty("pw") String password) {
    }

    record RenamedToSensitive(@com.fasterxml.jackson.annotation.JsonProperty("password") String pw) {
    }

    public static final class RenamedBean {
        private final String apiKey = "k3y-of-the-bean";

        @com.fasterxml.jackson.annotation.JsonProperty("k")
        public String getApiKey() {
            return apiKey;
        }
    }

    public record Address(@com.fasterxml.jackson.annotation.JsonProperty("zip") String postalCode, String secret) {
    }

    public record Order(int id, @com.fasterxml.jackson.annotation.JsonUnwrapped(prefix = "billing_") Address billing) {
    }

    /** A renamed property inside an object unwrapped with a prefix: the object is still written with its names, and masked. */
    @ParameterizedTest
    @EnumSource(Format.class)
    void aRenamedPropertyUnwrappedWithAPrefixIsWrittenAndMasked(Format format) throws Exception {
        InMemorySink sink = new InMemorySink();
        FapilogRuntime runtime = started(Preset.PRODUCTION, format, sink);
        runtime.getLogger("unwrapped").info("order", "order", new Order(7, new Address("0150", "S3cret-unwrapped")));
        runtime.stopAndDrain().get(10, TimeUnit.SECONDS);

        JsonNode event = TestSinks.parse(sink.lines()).get(0);
        assertThat(field(format, event, "data", "order").toString())
                .isEqualTo("{\"id\":7,\"billing_zip\":\"0150\",\"billing_secret\":\"***\"}");
    }

    /**
     * A property Jackson writes under another name is masked by its Java name too: {@code @JsonProperty("pw")}
     * on a password, and its text wherever the event repeats it.
     */
    @ParameterizedTest
    @EnumSource(Format.class)
    void aPropertyRenamedByJacksonIsMaskedByItsJavaName(Format format) throws Exception {
        InMemorySink sink = new InMemorySink();
        FapilogRuntime runtime = started(Preset.PRODUCTION, format, sink);
        runtime.getLogger("renamed").info("pin hunter2pw used", "v", new Renamed("ann", "hunter2pw"),
                "w", new RenamedToSensitive("hunter3pw"), "bean", new RenamedBean());
        runtime.stopAndDrain().get(10, TimeUnit.SECONDS);

        assertThat(sink.lines()).hasSize(1).noneMatch(line -> line.contains("hunter2pw") || line.contains("hunter3pw")
                || line.contains("k3y-of-the-bean"));
        JsonNode event = TestSinks.parse(sink.lines()).get(0);
        assertThat(field(format, event, "data", "v").toString()).isEqualTo("{\"user\":\"ann\",\"pw\":\"***\"}");
        assertThat(field(format, event, "data", "w").toString()).isEqualTo("{\"password\":\"***\"}");
        assertThat(field(format, event, "data", "bean").toString()).isEqualTo("{\"k\":\"***\"}");
        assertThat(event.get(format == Format.GELF ? "short_message" : "message").asString()).isEqualTo("pin *** used");
    }

    /** A number masked under its name inside a record is masked where the message repeats it, as one at the top is. */
    @ParameterizedTest
    @EnumSource(Format.class)
    void aNumberMaskedUnderItsNameInsideARecordIsMaskedWhereTheMessageRepeatsIt(Format format) throws Exception {
        InMemorySink sink = new InMemorySink();
        FapilogRuntime runtime = started(Preset.PRODUCTION, format, sink);
        runtime.getLogger("pin").info("pin 41234567 used", "v", new Pin(41234567L));
        runtime.getLogger("pin").info("pin 51234567 used", "password", java.util.OptionalLong.of(51234567L));
        runtime.stopAndDrain().get(10, TimeUnit.SECONDS);

        String messageField = format == Format.GELF ? "short_message" : "message";
        List<JsonNode> events = TestSinks.parse(sink.lines());
        assertThat(events).extracting(e -> e.get(messageField).asString()).containsExactly("pin *** used", "pin *** used");
        assertThat(field(format, events.get(0), "data", "v").toString()).isEqualTo("{\"password\":\"***\"}");
    }

    /**
     * The value masked under its name may be text of any kind, a number or an {@code Optional} of one;
     * an event may carry many; one inside a longer one leaves nothing of the longer.
     */
    @ParameterizedTest
    @EnumSource(Format.class)
    void everyKindOfValueMaskedUnderItsNameIsMaskedWhereTheMessageRepeatsIt(Format format) throws Exception {
        InMemorySink sink = new InMemorySink();
        FapilogRuntime runtime = started(Preset.PRODUCTION, format, sink);
        Logger log = runtime.getLogger("echo");
        log.info("Login with hunter2chars failed", "password", "hunter2chars".toCharArray());
        log.info("Login with 12345678 failed", "password", 12345678);
        log.info("Login with hunter2opt failed", "password", java.util.Optional.of("hunter2opt"));
        Object[] many = new Object[40];
        StringBuilder message = new StringBuilder("Login with");
        for (int i = 0; i < 20; i++) {
            many[2 * i] = "password_" + i;
            many[2 * i + 1] = "hunter2-" + (i + 1);
            message.append(' ').append("hunter2-").append(i + 1);
        }
        log.info(message.toString(), many);
        runtime.stopAndDrain().get(10, TimeUnit.SECONDS);

        String messageField = format == Format.GELF ? "short_message" : "message";
        List<String> messages = TestSinks.parse(sink.lines()).stream().map(e -> e.get(messageField).asString()).toList();
        assertThat(messages).containsExactly("Login with *** failed", "Login with *** failed", "Login with *** failed",
                "Login with" + " ***".repeat(20));
    }

    record AccessToken(String tokenValue, String tokenType, long expiresIn) {
    }

    /**
     * A structure masked whole under a sensitive name keeps the secrets it holds under names of their
     * own from the rest of the event, as it does under a harmless name (a bean, a map); its other
     * values (a number here) are not looked for elsewhere.
     */
    @ParameterizedTest
    @EnumSource(Format.class)
    void theSecretsOfAStructureMaskedWholeUnderItsNameAreMaskedWhereTheEventRepeatsThem(Format format) throws Exception {
        InMemorySink sink = new InMemorySink();
        FapilogRuntime runtime = started(Preset.PRODUCTION, format, sink);
        Logger log = runtime.getLogger("echo");
        AccessToken token = new AccessToken("tok-S3cret-seven", "Bearer", 3600);
        log.info("token tok-S3cret-seven rejected after 3600 s", "token", token);
        log.info("token tok-S3cret-seven rejected after 3600 s", "v", token);
        log.info("login", "note", "used opaque-S3cret-eight", "credentials", Map.of("client", Map.of("client_secret", "opaque-S3cret-eight")));
        runtime.stopAndDrain().get(10, TimeUnit.SECONDS);

        List<String> lines = sink.lines();
        assertThat(lines).hasSize(3).noneMatch(line -> line.contains("S3cret-"));
        String messageField = format == Format.GELF ? "short_message" : "message";
        List<JsonNode> events = TestSinks.parse(lines);
        assertThat(events).extracting(e -> e.get(messageField).asString()).containsExactly(
                "token *** rejected after 3600 s", "token *** rejected after 3600 s", "login");
        assertThat(field(format, events.get(0), "data", "token").asString()).isEqualTo("***");
        assertThat(field(format, events.get(2), "data", "note").asString()).isEqualTo("used ***");
        assertThat(events).allMatch(event -> !event.has("diagnostics") || !event.get("diagnostics").has("redaction_failures"));
    }

    record KeyHolder(String key, String id) {
    }

    /**
     * A name is matched joined to the key of the structure it is in, as a back-end that flattens
     * JSON names it: {@code "private": {"key": ...}} is {@code private.key}; {@code user.name} is not sensitive.
     */
    @ParameterizedTest
    @EnumSource(Format.class)
    void aNameJoinedToItsParentsIsMatched(Format format) throws Exception {
        InMemorySink sink = new InMemorySink();
        FapilogRuntime runtime = started(Preset.PRODUCTION, format, sink);
        runtime.getLogger("joined").info("joined", "private", Map.of("key", "SEKRET-map", "id", "kept-1"),
                "api", new KeyHolder("SEKRET-record", "kept-2"), "clients", Map.of("api", List.of(Map.of("key", "SEKRET-list"))),
                "user", Map.of("name", "ann"));
        runtime.stopAndDrain().get(10, TimeUnit.SECONDS);

        assertThat(sink.lines()).hasSize(1);
        String line = sink.lines().get(0);
        assertThat(line).doesNotContain("SEKRET").contains("kept-1").contains("kept-2").contains("\"ann\"");
        JsonNode event = TestSinks.parse(sink.lines()).get(0);
        assertThat(field(format, event, "data", "private").get("key").asString()).isEqualTo("***");
        assertThat(field(format, event, "data", "api").get("key").asString()).isEqualTo("***");
        assertThat(field(format, event, "data", "clients").at("/api/0/key").asString()).isEqualTo("***");
    }

    @JsonFormat(shape = JsonFormat.Shape.ARRAY)
    record ArrayShaped(String user, String password) {
    }

    record WithArrayShapedProperty(String id, @JsonFormat(shape = JsonFormat.Shape.ARRAY) Account account) {
    }

    record Account(String user, String password) {
    }

    /**
     * A record the application writes as an array for its own API ({@code @JsonFormat(shape = ARRAY)}
     * on the class or a property) is logged with its property names, so its password is masked
     * (it was written as {@code ["ann","SEKRET-array"]}).
     */
    @ParameterizedTest
    @EnumSource(Format.class)
    void aRecordShapedAsAnArrayIsWrittenWithItsNamesAndMasked(Format format) throws Exception {
        InMemorySink sink = new InMemorySink();
        FapilogRuntime runtime = started(Preset.PRODUCTION, format, sink);
        runtime.getLogger("shapes").info("login", "login", new ArrayShaped("ann", "SEKRET-array"),
                "holder", new WithArrayShapedProperty("7", new Account("bob", "SEKRET-property")));
        runtime.stopAndDrain().get(10, TimeUnit.SECONDS);

        assertThat(sink.lines()).hasSize(1);
        assertThat(sink.lines().get(0)).doesNotContain("SEKRET");
        JsonNode event = TestSinks.parse(sink.lines()).get(0);
        assertThat(field(format, event, "data", "login").get("user").asString()).isEqualTo("ann");
        assertThat(field(format, event, "data", "login").get("password").asString()).isEqualTo("***");
        assertThat(field(format, event, "data", "holder").at("/account/password").asString()).isEqualTo("***");
        assertThat(field(format, event, "data", "holder").at("/account/user").asString()).isEqualTo("bob");
    }

    /** The fapilog layout nests context and data; ECS and Logstash put them at the top level, GELF with a leading underscore. */
    private static FapilogRuntime started(Preset preset, Format format, io.fapilog.spi.Sink sink) {
        return Fapilog.builder().preset(preset).format(format).sinks().sink(sink).shutdownHook(false).start();
    }

    private static JsonNode field(Format format, JsonNode event, String section, String name) {
        return switch (format) {
            case FAPILOG -> event.get(section).get(name);
            case GELF -> event.get("_" + name);
            default -> event.get(name);
        };
    }
}
