package io.fapilog;

import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.message.BasicClassicHttpResponse;
import org.apache.hc.core5.http.message.BasicHeader;
import org.junit.jupiter.api.Test;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.RedisSentinelConnection;
import org.springframework.data.redis.connection.RedisClusterConnection;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.web.reactive.function.client.ClientResponse;
import tools.jackson.databind.JsonNode;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What applications log when they call other services and run batch jobs: HTTP clients' requests,
 * responses and headers, Spring Batch's parameters and contexts, Redis templates and Spring's proxies.
 */
class ClientAndJobValuesTest {

    record Call(String name, ClassicHttpResponse response, ClientHttpResponse springResponse) {
    }

    record JdkCall(java.net.http.HttpHeaders headers, java.net.http.HttpRequest request) {
    }

    /** The JDK client's headers are written as a map of each name's values (their text is the type, a hash and the map). */
    @Test
    void jdkHeadersAreWrittenAsAMapOfTheirValues() {
        java.net.http.HttpHeaders headers = java.net.http.HttpHeaders.of(
                Map.of("Accept", List.of("a/b", "c/d"), "Authorization", List.of("Bearer t0k-1")), (name, value) -> true);
        java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("https://api.example.com/x?access_token=t0k-2")).header("X-Api-Key", "k3y-3").build();

        JsonNode event = logged("headers", headers, "call", new JdkCall(headers, request));
        String written = "{\"Accept\":[\"a/b\",\"c/d\"],\"Authorization\":\"***\"}";

        assertThat(event.at("/data/headers").toString()).isEqualTo(written);
        assertThat(event.at("/data/call").toString())
                .isEqualTo("{\"headers\":" + written + ",\"request\":\"https://api.example.com/x?access_token=*** GET\"}");
        String line = TestSinks.loggedLine(() -> { }, "sent {}", headers);
        assertThat(TestSinks.JSON.readTree(line).get("message").asString())
                .isEqualTo("sent {Accept=[a/b, c/d], Authorization=[***]}");
    }

    @Test
    void apacheRequestsAndResponsesAreWrittenAsTheirSummaryAlsoInsideARecord() {
        HttpGet get = new HttpGet("http://ann:hunter2@api.example.com/orders?api_key=k3y-1&page=2");
        get.addHeader("X-Api-Key", "k3y-2");
        BasicClassicHttpResponse response = new BasicClassicHttpResponse(401, "Unauthorized");
        response.addHeader("Set-Cookie", "SID=s1d-3");
        CountingResponse springResponse = new CountingResponse();

        JsonNode data = logged("request", get, "response", response,
                "call", new Call("orders", response, springResponse)).get("data");

        assertThat(data.get("request").toString())
                .isEqualTo("{\"method\":\"GET\",\"uri\":\"http://api.example.com/orders?api_key=***&page=2\"}");
        assertThat(data.get("response").toString()).isEqualTo("{\"status\":401}");
        assertThat(data.get("call").toString())
                .isEqualTo("{\"name\":\"orders\",\"response\":{\"status\":401},\"springResponse\":{\"status\":503}}");
        assertThat(springResponse.headersRead.get() + springResponse.bodiesRead.get()).isZero();
    }

    @Test
    void aNameAndValuePairIsMaskedByItsName() {
        Header[] headers = {new BasicHeader("X-Api-Key", "k3y-1"), new BasicHeader("Accept", "application/json"),
            new BasicHeader("X-Signed", "s1g-2", true)};
        List<Map<String, String>> environment = List.of(Map.of("name", "DB_PASSWORD", "value", "pw-3"),
                Map.of("name", "DB_HOST", "value", "db.internal"));

        JsonNode data = logged("headers", headers, "env", environment).get("data");

        assertThat(data.get("headers").toString()).isEqualTo("[{\"name\":\"X-Api-Key\",\"sensitive\":false,\"value\":\"***\"},"
                + "{\"name\":\"Accept\",\"sensitive\":false,\"value\":\"application/json\"},"
                + "{\"name\":\"X-Signed\",\"sensitive\":true,\"value\":\"***\"}]");
        assertThat(data.get("env").get(0).get("value").asString()).isEqualTo("***");
        assertThat(data.get("env").get(1).get("value").asString()).isEqualTo("db.internal");
    }

    @Test
    void everyValueOfASensitiveHeaderIsMaskedInTheTextOfSpringsHeaders() {
        HttpHeaders headers = new HttpHeaders();
        headers.add("Set-Cookie", "session=s3ss-1; Path=/");
        headers.add("Set-Cookie", "SID=s1d-2; Path=/; Secure");
        headers.add("Accept", "text/plain");
        ResponseEntity<String> entity = new ResponseEntity<>("denied", headers, HttpStatus.UNAUTHORIZED);

        JsonNode event = logged(List.of("call gave {}", entity));

        assertThat(event.get("message").asString())
                .isEqualTo("call gave <401 UNAUTHORIZED Unauthorized,denied,[Set-Cookie:\"***\", Accept:\"text/plain\"]>");
    }

    @Test
    void webClientsResponseHeadersAreWrittenAsTheirNamesAndValues() {
        ClientResponse response = ClientResponse.create(HttpStatus.OK).header("X-Api-Key", "k3y-1").header("Accept", "a").build();

        JsonNode data = logged("headers", response.headers()).get("data");

        assertThat(data.get("headers").toString()).isEqualTo("{\"X-Api-Key\":\"***\",\"Accept\":[\"a\"]}");
    }

    @Test
    void springBatchsParametersAndContextsAreWrittenAsWhatTheyHoldTakenAtTheCall() {
        JobParameters parameters = new JobParametersBuilder().addString("password", "pw-1").addLong("run.id", 17L).toJobParameters();
        ExecutionContext context = new ExecutionContext();
        context.putString("apiToken", "t0k-2");
        context.putInt("read", 5);

        JsonNode data = loggedThen(() -> context.putInt("read", 20), "parameters", parameters, "context", context).get("data");

        assertThat(data.get("parameters").toString()).doesNotContain("pw-1");
        assertThat(data.get("parameters").findValues("value").stream().map(JsonNode::toString).sorted().toList())
                .containsExactly("\"***\"", "17");
        assertThat(data.get("context").toString()).isEqualTo("{\"apiToken\":\"***\",\"read\":5}");
    }

    @Test
    void redisTemplatesAndSpringProxiesAreWrittenAsTheirTextNeverThroughTheirGetters() {
        AtomicInteger connections = new AtomicInteger();
        StringRedisTemplate template = new StringRedisTemplate(new CountingConnectionFactory(connections));
        AtomicInteger reads = new AtomicInteger();
        ProxyFactory proxyFactory = new ProxyFactory(new Service(reads));
        Object service = proxyFactory.getProxy();

        JsonNode data = logged("template", template, "service", service).get("data");

        assertThat(connections.get()).isZero();
        assertThat(reads.get()).isZero();
        assertThat(data.get("template").asString()).isEqualTo(template.toString());
        assertThat(data.get("service").asString()).isEqualTo(service.toString());
    }

    /** A service whose getter queries: read only through a proxy's getters. */
    public static class Service {
        private final AtomicInteger reads;

        Service(AtomicInteger reads) {
            this.reads = reads;
        }

        public List<String> getJobNames() {
            reads.incrementAndGet();
            return List.of("job");
        }

        @Override
        public String toString() {
            return "Service";
        }
    }

    private static final class CountingConnectionFactory implements RedisConnectionFactory {
        private final AtomicInteger connections;

        CountingConnectionFactory(AtomicInteger connections) {
            this.connections = connections;
        }

        @Override
        public RedisConnection getConnection() {
            connections.incrementAndGet();
            throw new IllegalStateException("no server");
        }

        @Override
        public RedisClusterConnection getClusterConnection() {
            connections.incrementAndGet();
            throw new IllegalStateException("no server");
        }

        @Override
        public boolean getConvertPipelineAndTxResults() {
            return false;
        }

        @Override
        public RedisSentinelConnection getSentinelConnection() {
            connections.incrementAndGet();
            throw new IllegalStateException("no server");
        }

        @Override
        public org.springframework.dao.DataAccessException translateExceptionIfPossible(RuntimeException ex) {
            return null;
        }
    }

    /** A client's response that counts what is read of it. */
    private static final class CountingResponse implements ClientHttpResponse {
        final AtomicInteger headersRead = new AtomicInteger();
        final AtomicInteger bodiesRead = new AtomicInteger();

        @Override
        public HttpStatusCode getStatusCode() {
            return HttpStatus.SERVICE_UNAVAILABLE;
        }

        @Override
        public String getStatusText() {
            return "Service Unavailable";
        }

        @Override
        public void close() {
        }

        @Override
        public InputStream getBody() {
            bodiesRead.incrementAndGet();
            return new ByteArrayInputStream(new byte[0]);
        }

        @Override
        public HttpHeaders getHeaders() {
            headersRead.incrementAndGet();
            return new HttpHeaders();
        }
    }

    private static JsonNode logged(Object... keyValues) {
        return TestSinks.logged(() -> { }, "values", keyValues);
    }

    /** A message with its arguments: {@code List.of(message, args...)}. */
    private static JsonNode logged(List<Object> messageAndArguments) {
        return TestSinks.logged(() -> { }, (String) messageAndArguments.get(0),
                messageAndArguments.subList(1, messageAndArguments.size()).toArray());
    }

    private static JsonNode loggedThen(Runnable afterTheCall, Object... keyValues) {
        return TestSinks.logged(afterTheCall, "values", keyValues);
    }
}
