package io.fapilog;

import com.google.common.collect.ImmutableListMultimap;
import com.google.common.collect.Range;
import io.fapilog.sinks.InMemorySink;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.DataFetchingEnvironmentImpl;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.persistence.EntityManager;
import jakarta.servlet.Servlet;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.graphql.support.DefaultExecutionGraphQlRequest;
import org.springframework.messaging.Message;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.ErrorMessage;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.transaction.support.SimpleTransactionStatus;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Popular libraries' values whose getters say nothing of what they hold: Guava's multimaps and
 * optionals as what they hold, a publisher and a Netty buffer as their text, taken at the call.
 */
class LibraryValuesTest {

    record Holder(String id, com.google.common.base.Optional<String> note) {
    }

    @Test
    void guavasMultimapsAndOptionalsAreWrittenAsWhatTheyHold() {
        ImmutableListMultimap<String, String> roles = ImmutableListMultimap.of("ann", "admin", "ann", "user", "bob", "user");

        JsonNode data = logged("roles", roles, "note", com.google.common.base.Optional.of("hello"),
                "absent", com.google.common.base.Optional.absent(), "secrets", ImmutableListMultimap.of("password", "hunter2"),
                "holder", new Holder("h-1", com.google.common.base.Optional.of("inside")), "range", Range.closedOpen(1, 10)).get("data");

        assertThat(data.get("roles").toString()).isEqualTo("{\"ann\":[\"admin\",\"user\"],\"bob\":[\"user\"]}");
        assertThat(data.get("note").asString()).isEqualTo("hello");
        assertThat(data.get("absent").isNull()).isTrue();
        assertThat(data.get("secrets").toString()).isEqualTo("{\"password\":\"***\"}");
        assertThat(data.get("holder").toString()).isEqualTo("{\"id\":\"h-1\",\"note\":\"inside\"}");
        assertThat(data.get("range").asString()).isEqualTo("[1..10)");
    }

    @Test
    void aPublisherIsNeverSubscribedAndABufferIsWrittenAsItsIndexesTakenAtTheCall() {
        AtomicInteger subscriptions = new AtomicInteger();
        Mono<String> mono = Mono.just("x").doOnSubscribe(s -> subscriptions.incrementAndGet());
        Flux<Integer> flux = Flux.range(1, 3).doOnSubscribe(s -> subscriptions.incrementAndGet());
        ByteBuf buffer = PooledByteBufAllocator.DEFAULT.directBuffer(256);
        buffer.writeBytes("password=hunter2".getBytes(StandardCharsets.US_ASCII));
        String bufferText = buffer.toString();

        JsonNode data;
        try {
            data = loggedThen(() -> buffer.release(), "mono", mono, "flux", flux, "buffer", buffer, "nested", List.of(mono)).get("data");
        } finally {
            assertThat(buffer.refCnt()).isZero();
        }

        assertThat(subscriptions).hasValue(0);
        assertThat(data.get("mono").asString()).isEqualTo(mono.toString());
        assertThat(data.get("flux").asString()).isEqualTo(flux.toString());
        assertThat(data.get("nested").get(0).asString()).isEqualTo(mono.toString());
        assertThat(data.get("buffer").asString()).isEqualTo(bufferText).contains("widx: 16");
        assertThat(data.toString()).doesNotContain("hunter2");
    }

    /** A data source of an application's: every getter counted, a secret among its properties. */
    public static final class CountingDataSource implements DataSource {
        final AtomicInteger reads = new AtomicInteger();

        public String getUrl() {
            reads.incrementAndGet();
            return "jdbc:h2:mem:orders";
        }

        public Properties getConnectionProperties() {
            reads.incrementAndGet();
            Properties properties = new Properties();
            properties.setProperty("ssl.key", "K3Y-MATERIAL");
            return properties;
        }

        @Override
        public Connection getConnection() {
            reads.incrementAndGet();
            throw new IllegalStateException("a log call took a connection");
        }

        @Override
        public Connection getConnection(String username, String password) {
            return getConnection();
        }

        @Override
        public PrintWriter getLogWriter() {
            reads.incrementAndGet();
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            reads.incrementAndGet();
            return 0;
        }

        @Override
        public java.util.logging.Logger getParentLogger() {
            reads.incrementAndGet();
            return null;
        }

        @Override
        public <T> T unwrap(Class<T> type) {
            return null;
        }

        @Override
        public boolean isWrapperFor(Class<?> type) {
            return false;
        }
    }

    record Repository(String name, DataSource dataSource) {
    }

    @Test
    void resourcesAndRegistriesAreWrittenAsTheirTextTakenAtTheCallNeverThroughTheirGetters() {
        CountingDataSource dataSource = new CountingDataSource();
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:orders;PASSWORD=hunter2");
        h2.setUser("sa");
        AtomicInteger entityManagerCalls = new AtomicInteger();
        EntityManager entityManager = (EntityManager) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {EntityManager.class}, (proxy, method, args) -> {
                    if (method.getName().equals("toString")) {
                        return "EntityManager[orders]";
                    }
                    entityManagerCalls.incrementAndGet();
                    throw new IllegalStateException("a log call used the entity manager: " + method.getName());
                });
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("secrets", Map.of("db.password", "hunter2")));
        DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
        DataFetchingEnvironment fetching = DataFetchingEnvironmentImpl.newDataFetchingEnvironment()
                .arguments(Map.of("password", "hunter2")).build();
        AtomicInteger gaugeReads = new AtomicInteger();
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        meters.gauge("pool.size", gaugeReads, AtomicInteger::incrementAndGet);
        SimpleTransactionStatus transaction = new SimpleTransactionStatus();
        AtomicInteger servletCalls = new AtomicInteger();
        Servlet servlet = (Servlet) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Servlet.class},
                (proxy, method, args) -> method.getName().equals("toString") ? "DispatcherServlet[dispatcherServlet]"
                        : (Object) Integer.valueOf(servletCalls.incrementAndGet()));
        int readsBefore = dataSource.reads.get();
        int gaugeReadsBefore = gaugeReads.get();

        JsonNode data = logged("dataSource", dataSource, "h2", h2, "repository", new Repository("orders", dataSource),
                "entityManager", entityManager, "environment", environment, "beans", beans, "fetching", fetching,
                "meters", meters, "transaction", transaction, "servlet", servlet).get("data");

        assertThat(dataSource.reads).hasValue(readsBefore);
        assertThat(entityManagerCalls).hasValue(0);
        assertThat(data.get("dataSource").asString()).isEqualTo(dataSource.toString());
        assertThat(data.get("repository").toString()).isEqualTo("{\"name\":\"orders\",\"dataSource\":\"" + dataSource + "\"}");
        assertThat(data.get("h2").asString()).contains("url=jdbc:h2:mem:orders;PASSWORD=***").contains("user=sa");
        assertThat(data.get("entityManager").asString()).isEqualTo("EntityManager[orders]");
        assertThat(data.get("environment").asString()).isEqualTo(environment.toString());
        assertThat(data.get("beans").asString()).isEqualTo(beans.toString());
        assertThat(data.get("fetching").asString()).isEqualTo(fetching.toString());
        assertThat(gaugeReads).hasValue(gaugeReadsBefore);
        assertThat(data.get("meters").asString()).isEqualTo(meters.toString());
        assertThat(data.get("transaction").asString()).isEqualTo(transaction.toString());
        assertThat(servletCalls).hasValue(0);
        assertThat(data.get("servlet").asString()).isEqualTo("DispatcherServlet[dispatcherServlet]");
        assertThat(data.toString()).doesNotContain("hunter2").doesNotContain("K3Y-MATERIAL");
    }

    /**
     * A STOMP frame's headers as an interceptor builds them: read through its getters, the accessor
     * would be frozen ({@code getMessageHeaders()} makes it immutable) and the application's next
     * change to it would throw.
     */
    @Test
    void aMessageHeaderAccessorIsWrittenAsItsHeadersAtTheCallAndStaysMutable() {
        StompHeaderAccessor connect = StompHeaderAccessor.create(StompCommand.CONNECT);
        connect.setLogin("ann");
        connect.setPasscode("hunter2");
        connect.setNativeHeader("Authorization", "Basic YW5uOmh1bnRlcjI=");
        connect.setLeaveMutable(false);

        JsonNode data = loggedThen(() -> connect.setNativeHeader("after", "the call"), "headers", connect).get("data");

        assertThat(connect.isMutable()).isTrue();
        assertThat(connect.getFirstNativeHeader("after")).isEqualTo("the call");
        JsonNode headers = data.get("headers");
        assertThat(headers.get("stompCommand").asString()).isEqualTo("CONNECT");
        assertThat(headers.at("/nativeHeaders/login/0").asString()).isEqualTo("ann");
        assertThat(headers.at("/nativeHeaders/Authorization").asString()).isEqualTo("***");
        assertThat(headers.at("/nativeHeaders/after").isMissingNode()).isTrue();
        assertThat(data.toString()).doesNotContain("hunter2").doesNotContain("YW5uOmh1bnRlcjI");
    }

    /**
     * A message whose headers are still mutable (built with {@code setLeaveMutable(true)}, as a channel
     * interceptor may change them): written as its payload and headers at the call.
     */
    @Test
    void aSpringMessageIsWrittenAsItsPayloadAndHeadersAtTheCall() {
        SimpMessageHeaderAccessor headers = SimpMessageHeaderAccessor.create(SimpMessageType.MESSAGE);
        headers.setSessionId("s-1");
        headers.setNativeHeader("token", "tok-hunter2");
        headers.setLeaveMutable(true);
        Message<Map<String, String>> message = MessageBuilder.createMessage(Map.of("user", "ann", "password", "hunter2"),
                headers.getMessageHeaders());
        ErrorMessage failed = new ErrorMessage(new IllegalStateException("no route"), message);

        JsonNode data = loggedThen(() -> headers.setHeader("x-after", "the call"), "message", message, "failed", failed).get("data");

        assertThat(message.getHeaders()).containsKey("x-after");
        JsonNode written = data.get("message");
        assertThat(written.at("/payload/user").asString()).isEqualTo("ann");
        assertThat(written.at("/payload/password").asString()).isEqualTo("***");
        assertThat(written.at("/headers/simpSessionId").asString()).isEqualTo("***");
        assertThat(written.at("/headers/simpMessageType").asString()).isEqualTo("MESSAGE");
        assertThat(written.at("/headers/nativeHeaders/token").asString()).isEqualTo("***");
        assertThat(written.at("/headers/x-after").isMissingNode()).isTrue();
        assertThat(data.at("/failed/payload/type").asString()).isEqualTo("java.lang.IllegalStateException");
        assertThat(data.at("/failed/originalMessage")).isEqualTo(written);
        assertThat(data.toString()).doesNotContain("hunter2");
    }

    /**
     * A GraphQL request as an interceptor or controller sees it: its document, operation, variables and
     * extensions, taken at the call; through its getters it reached the web request's attributes and
     * the whole web framework through them (18 KB a line, files read on the worker). A Spring resource
     * as its text: its getters read the file.
     */
    @Test
    void aGraphQlRequestIsWrittenAsItsDocumentAndVariablesAndAResourceAsItsText() {
        Map<String, Object> variables = new java.util.HashMap<>(Map.of("user", "ann", "password", "hunter2"));
        DefaultExecutionGraphQlRequest request = new DefaultExecutionGraphQlRequest("mutation Login($user: String, $password: String) "
                + "{ login(user: $user, password: $password) }", "Login", variables, Map.of(), "r-1", null);
        ByteArrayResource resource = new ByteArrayResource("password=hunter2".getBytes(StandardCharsets.US_ASCII), "token file");

        JsonNode data = loggedThen(() -> variables.put("user", "bob"), "request", request, "resource", resource).get("data");

        JsonNode written = data.get("request");
        assertThat(written.properties()).extracting(Map.Entry::getKey).containsExactly("query", "operationName", "variables");
        assertThat(written.get("query").asString()).startsWith("mutation Login(");
        assertThat(written.get("operationName").asString()).isEqualTo("Login");
        assertThat(written.at("/variables/user").asString()).isEqualTo("ann");
        assertThat(written.at("/variables/password").asString()).isEqualTo("***");
        assertThat(data.get("resource").asString()).isEqualTo("Byte array resource [token file]");
        assertThat(data.toString()).doesNotContain("hunter2").doesNotContain("aHVudGVy");
    }

    private static JsonNode logged(Object... keyValues) {
        return loggedThen(() -> { }, keyValues);
    }

    /** Logs one event, runs {@code afterTheCall} (the caller going on), then drains. */
    private static JsonNode loggedThen(Runnable afterTheCall, Object... keyValues) {
        InMemorySink sink = new InMemorySink();
        FapilogRuntime runtime = Fapilog.builder().preset(Preset.PRODUCTION).sinks().sink(sink).shutdownHook(false).start();
        runtime.getLogger("libraries").info("values", keyValues);
        afterTheCall.run();
        DrainResult result = runtime.stopAndDrain(Duration.ofSeconds(10));
        assertThat(result.processed()).isEqualTo(result.submitted()).isEqualTo(1);
        assertThat(result.dropped() + result.filtered()).isZero();
        return TestSinks.parse(sink.lines()).get(0);
    }
}
