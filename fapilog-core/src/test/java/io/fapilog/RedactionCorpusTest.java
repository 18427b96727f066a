package io.fapilog;

import io.fapilog.config.Format;
import io.fapilog.config.RedactionSettings;
import io.fapilog.sinks.InMemorySink;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.net.URL;
import java.util.ArrayList;
import java.util.ConcurrentModificationException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The redaction corpus: secrets placed the way applications carry them (records, beans, nested
 * structures, wrappers, Jackson trees, URLs, JSON and {@code key=value} text, exceptions and their
 * causes, the message), logged through the public API in every JSON format under each preset that
 * should mask them. No secret token may appear anywhere in the output bytes, and every neighbouring
 * non-secret value must be written as it was.
 */
class RedactionCorpusTest {

    record Login(String user, String password) {
    }

    record Payment(String orderId, String cardNumber, String cvv) {
    }

    record Patient(String ward, String ssn, String dateOfBirth) {
    }

    /** A JavaBean with a secret property. */
    public static final class Client {
        public String getName() {
            return "keep-bean-name";
        }

        public String getApiKey() {
            return "SEKRET-bean-apikey";
        }

        public Map<String, Object> getSettings() {
            return Map.of("clientSecret", "SEKRET-bean-nested", "region", "keep-bean-region");
        }
    }

    /** A lazy sequence whose iteration fails half-way, as an uninitialised Hibernate collection may. */
    static final class FailingIterable implements Iterable<Object> {
        @Override
        public java.util.Iterator<Object> iterator() {
            return new java.util.Iterator<>() {
                private int next;

                @Override
                public boolean hasNext() {
                    return true;
                }

                @Override
                public Object next() {
                    if (next++ == 1) {
                        throw new ConcurrentModificationException("lazy");
                    }
                    return "element";
                }
            };
        }
    }

    /** One corpus: the events to log, the secrets that must not appear, the neighbours that must. */
    record Corpus(String preset, List<String> secrets, List<String> neighbours, Scenario scenario) {
        @Override
        public String toString() {
            return preset;
        }
    }

    @FunctionalInterface
    interface Scenario {
        void log(Logger log) throws Exception;
    }

    static Stream<Arguments> corpora() {
        List<Arguments> all = new ArrayList<>();
        for (Format format : Format.values()) {
            for (Corpus corpus : List.of(credentials(), pci(), hipaa())) {
                all.add(Arguments.of(format, corpus));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{1} in {0}")
    @MethodSource("corpora")
    void noSecretReachesTheOutputAndNeighboursSurvive(Format format, Corpus corpus) throws Exception {
        InMemorySink sink = new InMemorySink();
        var builder = corpus.preset().equals("credentials")
                ? Fapilog.builder().preset(Preset.PRODUCTION)
                : Fapilog.builder().preset(Preset.MINIMAL)
                        .redaction(new RedactionSettings(Set.of(corpus.preset()), Set.of(), List.of(), false, false));
        try (FapilogRuntime runtime = builder.format(format).sinks().sink(sink).shutdownHook(false).start()) {
            corpus.scenario().log(runtime.getLogger("corpus"));
            runtime.stopAndDrain().get(10, TimeUnit.SECONDS);
        }
        String output = String.join("\n", sink.lines());
        assertThat(sink.lines()).isNotEmpty();
        TestSinks.parse(sink.lines()); // every line is valid JSON
        for (String secret : corpus.secrets()) {
            assertThat(output).as("%s leaked in %s", secret, format).doesNotContain(secret);
        }
        for (String neighbour : corpus.neighbours()) {
            assertThat(output).as("%s lost in %s", neighbour, format).contains(neighbour);
        }
    }

    private static Corpus credentials() {
        return new Corpus("credentials",
                List.of("SEKRET-compound-1", "SEKRET-compound-2", "SEKRET-compound-3", "SEKRET-compound-4",
                        "SEKRET-compound-5", "SEKRET-compound-6", "SEKRET-record", "SEKRET-bean-apikey",
                        "SEKRET-bean-nested", "SEKRET-nested-map", "SEKRET-array", "SEKRET-optional",
                        "SEKRET-atomic", "SEKRET-jsonnode", "SEKRET-uri-token", "SEKRET-uri-key", "SEKRET-uri-user",
                        "SEKRET-url-token", "SEKRET-text-url", "SEKRET-json-text", "SEKRET-kv-text",
                        "SEKRET-message", "SEKRET-exc-message", "SEKRET-exc-cause", "SEKRET-exc-suppressed",
                        "SEKRET-exc-value", "SEKRET-after-failure", "SEKRET-message-after-failure",
                        "SEKRET-header-basic", "SEKRET-bound", "SEKRET-map-key"),
                List.of("keep-compound", "keep-record-user", "keep-bean-name", "keep-bean-region", "keep-map",
                        "keep-array", "keep-optional", "keep-atomic", "keep-jsonnode", "https://api.example.com/v1",
                        "page=2", "keep-json-text", "user=keep-kv", "keep-message", "IllegalStateException",
                        "keep-exc", "java.io.IOException", "keep-after-failure", "keep-bound", "redaction_failures",
                        "db.example.com/orders"),
                log -> {
                    Logger bound = log.bind("request_id", "keep-bound", "sessionToken", "SEKRET-bound");
                    bound.info("compound names",
                            "userPassword", "SEKRET-compound-1", "db_password", "SEKRET-compound-2",
                            "user.password", "SEKRET-compound-3", "x-auth-token", "SEKRET-compound-4",
                            "proxy-authorization", "SEKRET-compound-5", "client_secret", "SEKRET-compound-6",
                            "note", "keep-compound");
                    log.info("shapes",
                            "login", new Login("keep-record-user", "SEKRET-record"),
                            "client", new Client(),
                            "request", Map.of("items", List.of(Map.of("refresh_token", "SEKRET-nested-map",
                                    "sku", "keep-map"))),
                            "array", new Object[] {Map.of("apiKey", "SEKRET-array"), "keep-array"},
                            "optional", Optional.of(Map.of("password", "SEKRET-optional", "o", "keep-optional")),
                            "atomic", new AtomicReference<>(new Login("keep-atomic", "SEKRET-atomic")),
                            "tree", jsonNode());
                    log.info("urls",
                            "uri", URI.create("https://ann:SEKRET-uri-user@api.example.com/v1?access_token="
                                    + "SEKRET-uri-token&page=2&api_key=SEKRET-uri-key"),
                            "url", URI.create("https://api.example.com/v1/x?token=SEKRET-url-token").toURL(),
                            "text", "GET https://api.example.com/v1?apiKey=SEKRET-text-url&page=2",
                            "json", "{\"user\":\"keep-json-text\",\"password\":\"SEKRET-json-text\"}",
                            "kv", "user=keep-kv password=SEKRET-kv-text",
                            "header", "Authorization: Basic SEKRET-header-basic",
                            "health", Map.of("https://svc:SEKRET-map-key@db.example.com/orders", "UP"));
                    log.info("login failed for keep-message password=SEKRET-message");
                    IllegalStateException cause = new IllegalStateException("token=SEKRET-exc-cause");
                    RuntimeException error = new RuntimeException("keep-exc login failed password=SEKRET-exc-message",
                            cause);
                    error.addSuppressed(new java.io.IOException("close failed, secret: SEKRET-exc-suppressed"));
                    log.error("failed", error, "failure", new IllegalStateException("api_key=SEKRET-exc-value"));
                    Map<String, Object> afterFailure = new LinkedHashMap<>();
                    afterFailure.put("lazy", new FailingIterable());
                    afterFailure.put("secret", "SEKRET-after-failure");
                    log.info("token=SEKRET-message-after-failure", "entity", afterFailure,
                            "lazyTop", new FailingIterable(), "neighbour", "keep-after-failure");
                });
    }

    private static Corpus pci() {
        return new Corpus("pci",
                List.of("4111111111111111", "5500000000000004", "SEKRET-cvv-rec", "SEKRET-cvv-text",
                        "4012888888881881", "SEKRET-pan-map", "SEKRET-exp"),
                List.of("keep-order", "keep-pci-text", "keep-pci-map", "keep-pci-exc"),
                log -> {
                    log.info("payment", "payment", new Payment("keep-order", "4111111111111111", "SEKRET-cvv-rec"));
                    log.info("charged 5500000000000004 keep-pci-text cvv=SEKRET-cvv-text");
                    log.info("map", "m", List.of(Map.of("cardNumber", "SEKRET-pan-map", "n", "keep-pci-map",
                            "card_expiry", "SEKRET-exp")));
                    log.error("declined", new IllegalArgumentException("keep-pci-exc card 4012888888881881"));
                });
    }

    private static Corpus hipaa() {
        return new Corpus("hipaa",
                List.of("SEKRET-ssn-rec", "SEKRET-dob", "123-45-6789", "SEKRET-diagnosis", "987-65-4321"),
                List.of("keep-ward", "keep-hipaa-text", "keep-hipaa-exc"),
                log -> {
                    log.info("admit", "patient", new Patient("keep-ward", "SEKRET-ssn-rec", "SEKRET-dob"));
                    log.info("patient keep-hipaa-text ssn 123-45-6789 diagnosis=SEKRET-diagnosis");
                    log.error("lookup", new IllegalStateException("keep-hipaa-exc no record for 987-65-4321"));
                });
    }

    private static ObjectNode jsonNode() {
        ObjectNode node = TestSinks.JSON.createObjectNode();
        node.put("name", "keep-jsonnode");
        node.putObject("auth").put("token", "SEKRET-jsonnode");
        return node;
    }
}
