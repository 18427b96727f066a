package io.fapilog;

import com.google.protobuf.ByteString;
import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumDescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumValueDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Struct;
import com.google.protobuf.Timestamp;
import com.google.protobuf.Value;
import io.fapilog.internal.event.CallSnapshot;
import io.fapilog.sinks.InMemorySink;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.util.Utf8;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;
import org.springframework.http.RequestEntity;
import tools.jackson.databind.JsonNode;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Protocol Buffers messages, Avro and Kafka records as values, as gRPC and Kafka services log them:
 * an object of their fields by name, masked by name. Through their getters protobuf and Avro were
 * written as {@code ***} (a descriptor or schema too deep to write): nothing leaked, nothing logged.
 * A Kafka record and its headers were written as their text, a header's value as decimal bytes that
 * no rule could read: a {@code token} header's secret leaked.
 */
class MessageValuesTest {

    /** {@code message Login { string user = 1; string password = 2; Role role = 3; repeated string tags = 4; bytes raw = 5; Login delegate = 6; }} */
    private static Descriptor loginDescriptor() throws Exception {
        DescriptorProto login = DescriptorProto.newBuilder().setName("Login")
                .addField(field("user", 1, FieldDescriptorProto.Type.TYPE_STRING))
                .addField(field("password", 2, FieldDescriptorProto.Type.TYPE_STRING))
                .addField(field("role", 3, FieldDescriptorProto.Type.TYPE_ENUM).setTypeName(".acme.Role"))
                .addField(field("tags", 4, FieldDescriptorProto.Type.TYPE_STRING).setLabel(FieldDescriptorProto.Label.LABEL_REPEATED))
                .addField(field("raw", 5, FieldDescriptorProto.Type.TYPE_BYTES))
                .addField(field("delegate", 6, FieldDescriptorProto.Type.TYPE_MESSAGE).setTypeName(".acme.Login"))
                .build();
        EnumDescriptorProto role = EnumDescriptorProto.newBuilder().setName("Role")
                .addValue(EnumValueDescriptorProto.newBuilder().setName("USER").setNumber(0))
                .addValue(EnumValueDescriptorProto.newBuilder().setName("ADMIN").setNumber(1)).build();
        FileDescriptorProto file = FileDescriptorProto.newBuilder().setName("login.proto").setPackage("acme")
                .setSyntax("proto3").addMessageType(login).addEnumType(role).build();
        return FileDescriptor.buildFrom(file, new FileDescriptor[0]).findMessageTypeByName("Login");
    }

    private static FieldDescriptorProto.Builder field(String name, int number, FieldDescriptorProto.Type type) {
        return FieldDescriptorProto.newBuilder().setName(name).setNumber(number).setType(type);
    }

    @Test
    void aProtobufMessageIsWrittenAsItsFieldsWithItsSecretsMasked() throws Exception {
        Descriptor descriptor = loginDescriptor();
        DynamicMessage delegate = DynamicMessage.newBuilder(descriptor)
                .setField(descriptor.findFieldByName("user"), "bob")
                .setField(descriptor.findFieldByName("password"), "hunter3").build();
        DynamicMessage login = DynamicMessage.newBuilder(descriptor)
                .setField(descriptor.findFieldByName("user"), "ann")
                .setField(descriptor.findFieldByName("password"), "hunter2")
                .setField(descriptor.findFieldByName("role"), descriptor.getFile().findEnumTypeByName("Role").findValueByName("ADMIN"))
                .addRepeatedField(descriptor.findFieldByName("tags"), "a")
                .addRepeatedField(descriptor.findFieldByName("tags"), "b")
                .setField(descriptor.findFieldByName("raw"), ByteString.copyFromUtf8("xyz"))
                .setField(descriptor.findFieldByName("delegate"), delegate).build();
        Struct struct = Struct.newBuilder().putFields("user", Value.newBuilder().setStringValue("ann").build())
                .putFields("password", Value.newBuilder().setStringValue("hunter2").build()).build();

        JsonNode event = logged("login", login, "struct", struct, "at", Timestamp.newBuilder().setSeconds(1).setNanos(2).build(),
                "nested", List.of(Map.of("login", login)));

        String expected = "{\"user\":\"ann\",\"password\":\"***\",\"role\":\"ADMIN\",\"tags\":[\"a\",\"b\"],\"raw\":\""
                + Base64.getEncoder().encodeToString("xyz".getBytes(StandardCharsets.UTF_8))
                + "\",\"delegate\":{\"user\":\"bob\",\"password\":\"***\"}}";
        assertThat(event.at("/data/login").toString()).isEqualTo(expected);
        assertThat(event.at("/data/nested/0/login").toString()).isEqualTo(expected);
        assertThat(event.at("/data/struct/fields/user").toString()).isEqualTo("{\"string_value\":\"ann\"}");
        assertThat(event.at("/data/struct/fields/password").asString()).isEqualTo("***");
        assertThat(event.at("/data/at").toString()).isEqualTo("{\"seconds\":1,\"nanos\":2}");
        assertThat(event.toString()).doesNotContain("hunter");
        assertThat(event.at("/diagnostics/redaction_failures").isMissingNode()).isTrue();
    }

    /** A repeated field of a million elements: the call copies as many as it copies of any list, no more. */
    @Test
    void aHugeRepeatedFieldIsCutAtTheCallNotConvertedWhole() throws Exception {
        Descriptor descriptor = loginDescriptor();
        DynamicMessage.Builder builder = DynamicMessage.newBuilder(descriptor);
        for (int i = 0; i < 1_000_000; i++) {
            builder.addRepeatedField(descriptor.findFieldByName("tags"), "t" + i);
        }
        DynamicMessage login = builder.build();

        Object captured = CallSnapshot.of(new Object[] {"login", login})[1];
        List<?> tags = (List<?>) ((Map<?, ?>) captured).get("tags");
        assertThat(tags.size()).isLessThanOrEqualTo(CallSnapshot.MAX_ELEMENTS + 1);
        assertThat(CallSnapshot.isCut(tags)).isTrue();

        JsonNode written = logged("login", login).at("/data/login/tags");
        assertThat(written.size()).isEqualTo(257);
        assertThat(written.get(0).asString()).isEqualTo("t0");
        assertThat(written.get(256).asString()).startsWith("…");
    }

    /** A map field of 300,000 entries costs the call no more than a map of that size copied. */
    @Test
    void aHugeMapFieldIsCutAtTheCall() {
        Struct.Builder builder = Struct.newBuilder();
        for (int i = 0; i < 300_000; i++) {
            builder.putFields("k" + i, Value.newBuilder().setNumberValue(i).build());
        }
        Object captured = CallSnapshot.of(new Object[] {"struct", builder.build()})[1];

        Map<?, ?> fields = (Map<?, ?>) ((Map<?, ?>) captured).get("fields");
        assertThat(fields.size()).isLessThanOrEqualTo(CallSnapshot.MAX_ELEMENTS + 1);
        assertThat(CallSnapshot.isCut(fields)).isTrue();
    }

    /** A record's text fields deep in a chain are written as text, not cut with the structures around them. */
    @Test
    void textDeepInAChainIsWrittenAsText() {
        Schema schema = new Schema.Parser().parse("""
                {"type": "record", "name": "Link", "fields": [
                  {"name": "name", "type": "string"},
                  {"name": "next", "type": ["null", "Link"], "default": null}]}""");
        GenericData.Record chain = null;
        for (int i = 14; i >= 0; i--) {
            GenericData.Record link = new GenericData.Record(schema);
            link.put("name", new Utf8("name" + i));
            link.put("next", chain);
            chain = link;
        }

        JsonNode event = logged("chain", chain);

        assertThat(event.at("/data/chain" + "/next".repeat(14) + "/name").asString()).isEqualTo("name14");
    }

    /**
     * A record met again on its own path is cut; one shared by two fields at every level (a graph of
     * 2^40 paths) is copied only as far as the call's budget goes: the call returns, as with any structure.
     */
    @Test
    void aRecordInsideItselfIsCutAndASharedOneCostsNoMoreThanTheCallsBudget() {
        Schema schema = new Schema.Parser().parse("""
                {"type": "record", "name": "Node", "fields": [
                  {"name": "name", "type": "string"},
                  {"name": "a", "type": ["null", "Node"], "default": null},
                  {"name": "b", "type": ["null", "Node"], "default": null}]}""");
        GenericData.Record self = new GenericData.Record(schema);
        self.put("name", "self");
        self.put("a", self);
        GenericData.Record shared = null;
        for (int i = 0; i < 40; i++) {
            GenericData.Record parent = new GenericData.Record(schema);
            parent.put("name", "n" + i);
            parent.put("a", shared);
            parent.put("b", shared);
            shared = parent;
        }

        JsonNode event = logged("self", self, "shared", shared, "held", new Held(shared));

        assertThat(event.at("/data/self").toString()).isEqualTo("{\"name\":\"self\",\"a\":\"[cycle]\",\"b\":null}");
        assertThat(event.at("/data/shared/name").asString()).isEqualTo("n39");
        assertThat(event.at("/data/shared/a/a/name").asString()).isEqualTo("n37");
        assertThat(event.at("/data/held/node/a/name").asString()).as("written on the worker").isEqualTo("n38");
    }

    /** A record of the application's holding a message: kept by reference, written by the worker. */
    record Held(GenericRecord node) {
    }

    /** Text in a record is cut at the call as any other value's: a queued event does not hold the caller's megabyte. */
    @Test
    void longTextInARecordIsCutAtTheCall() {
        Schema schema = new Schema.Parser().parse("""
                {"type": "record", "name": "Note", "fields": [{"name": "body", "type": "string"}]}""");
        GenericData.Record note = new GenericData.Record(schema);
        note.put("body", new Utf8("x".repeat(1_000_000)));

        Object captured = CallSnapshot.of(new Object[] {"note", note}, 8192)[1];

        assertThat(((Map<?, ?>) captured).get("body").toString()).hasSizeLessThan(20_000);
    }

    @Test
    void anAvroRecordIsWrittenAsItsFieldsWithItsSecretsMasked() throws Exception {
        Schema schema = new Schema.Parser().parse("""
                {"type": "record", "name": "Login", "namespace": "acme", "fields": [
                  {"name": "user", "type": "string"},
                  {"name": "password", "type": "string"},
                  {"name": "role", "type": {"type": "enum", "name": "Role", "symbols": ["USER", "ADMIN"]}},
                  {"name": "tags", "type": {"type": "array", "items": "string"}},
                  {"name": "attributes", "type": {"type": "map", "values": "string"}},
                  {"name": "raw", "type": "bytes"},
                  {"name": "delegate", "type": ["null", "Login"], "default": null}]}""");
        GenericRecord delegate = record(schema, "bob", "hunter3", null);
        GenericRecord login = record(schema, "ann", "hunter2", delegate);
        ByteBuffer raw = (ByteBuffer) login.get("raw");

        JsonNode event = logged("login", login, "nested", List.of(login));

        String expected = "{\"user\":\"ann\",\"password\":\"***\",\"role\":\"ADMIN\",\"tags\":[\"a\",\"b\"],"
                + "\"attributes\":{\"region\":\"eu\"},\"raw\":\"" + Base64.getEncoder().encodeToString("xyz".getBytes(StandardCharsets.UTF_8))
                + "\",\"delegate\":{\"user\":\"bob\",\"password\":\"***\",\"role\":\"ADMIN\",\"tags\":[\"a\",\"b\"],"
                + "\"attributes\":{\"region\":\"eu\"},\"raw\":\"eHl6\",\"delegate\":null}}";
        assertThat(event.at("/data/login").toString()).isEqualTo(expected);
        assertThat(event.at("/data/nested/0").toString()).isEqualTo(expected);
        assertThat(raw.position()).isZero();
        assertThat(event.toString()).doesNotContain("hunter");
        assertThat(event.at("/diagnostics/redaction_failures").isMissingNode()).isTrue();
    }

    private static GenericRecord record(Schema schema, String user, String password, GenericRecord delegate) {
        GenericData.Record record = new GenericData.Record(schema);
        record.put("user", new Utf8(user));
        record.put("password", new Utf8(password));
        record.put("role", new GenericData.EnumSymbol(schema.getField("role").schema(), "ADMIN"));
        record.put("tags", new GenericData.Array<>(schema.getField("tags").schema(), List.of(new Utf8("a"), new Utf8("b"))));
        record.put("attributes", Map.of(new Utf8("region"), new Utf8("eu")));
        record.put("raw", ByteBuffer.wrap("xyz".getBytes(StandardCharsets.UTF_8)));
        record.put("delegate", delegate);
        return record;
    }

    record Login(String user, String password) {
    }

    private static RecordHeaders headers() {
        RecordHeaders headers = new RecordHeaders();
        headers.add("token", "tok-SECRET-0".getBytes(StandardCharsets.UTF_8));
        headers.add("authorization", "Bearer abcdefSECRET0".getBytes(StandardCharsets.UTF_8));
        headers.add("traceparent", "00-4bf9-00f0-01".getBytes(StandardCharsets.UTF_8));
        headers.add("raw", new byte[] {(byte) 0xff, 0x00, 0x41});
        headers.add("region", "eu".getBytes(StandardCharsets.UTF_8));
        headers.add("region", "us".getBytes(StandardCharsets.UTF_8));
        headers.add("empty", null);
        return headers;
    }

    private static final String HEADERS_WRITTEN = "{\"token\":\"***\",\"authorization\":\"***\",\"traceparent\":\"00-4bf9-00f0-01\","
            + "\"raw\":\"" + Base64.getEncoder().encodeToString(new byte[] {(byte) 0xff, 0x00, 0x41}) + "\",\"region\":[\"eu\",\"us\"],\"empty\":null}";

    @Test
    void aKafkaRecordIsWrittenAsItsPartsWithItsHeadersByNameAndItsSecretsMasked() {
        ConsumerRecord<String, Login> received = new ConsumerRecord<>("orders", 2, 41L, 1_700_000_000_000L, TimestampType.CREATE_TIME,
                4, 60, "k0", new Login("ann", "hunter2"), headers(), Optional.empty());
        ProducerRecord<String, Login> sent = new ProducerRecord<>("orders", null, "k1", new Login("bob", "hunter3"), headers());

        JsonNode event = logged("received", received, "sent", sent, "headers", received.headers(),
                "array", received.headers().toArray(), "one", new RecordHeader("token", "tok-SECRET-1".getBytes(StandardCharsets.UTF_8)));

        assertThat(event.at("/data/received").toString()).isEqualTo("{\"topic\":\"orders\",\"partition\":2,\"offset\":41,"
                + "\"timestamp\":1700000000000,\"key\":\"k0\",\"value\":{\"user\":\"ann\",\"password\":\"***\"},\"headers\":" + HEADERS_WRITTEN + "}");
        assertThat(event.at("/data/sent").toString()).isEqualTo("{\"topic\":\"orders\",\"key\":\"k1\","
                + "\"value\":{\"user\":\"bob\",\"password\":\"***\"},\"headers\":" + HEADERS_WRITTEN + "}");
        assertThat(event.at("/data/headers").toString()).isEqualTo(HEADERS_WRITTEN);
        assertThat(event.at("/data/array/0").toString()).isEqualTo("{\"token\":\"***\"}");
        assertThat(event.at("/data/array/1").toString()).isEqualTo("{\"authorization\":\"***\"}");
        assertThat(event.at("/data/one").toString()).isEqualTo("{\"token\":\"***\"}");
        assertThat(event.toString()).doesNotContain("SECRET").doesNotContain("hunter");
    }

    @Test
    void aKafkaRecordInsideARecordAndInAPlaceholderKeepsItsSecretsMasked() {
        ConsumerRecord<String, Login> received = new ConsumerRecord<>("orders", 0, 7L, 1L, TimestampType.CREATE_TIME,
                4, 60, "k0", new Login("ann", "hunter2"), headers(), Optional.empty());
        record Failed(String reason, ConsumerRecord<String, Login> record, Header[] headers) {
        }

        InMemorySink sink = new InMemorySink();
        FapilogRuntime runtime = Fapilog.builder().preset(Preset.PRODUCTION).sinks().sink(sink).shutdownHook(false).start();
        Logger logger = runtime.getLogger("messages");
        logger.info("failed", "failure", new Failed("no stock", received, received.headers().toArray()));
        logger.info("received {} from {}", received, received.headers());
        runtime.stopAndDrain(Duration.ofSeconds(10));
        List<JsonNode> events = TestSinks.parse(sink.lines());

        assertThat(events).hasSize(2);
        assertThat(events.get(0).at("/data/failure/record/headers").toString()).isEqualTo(HEADERS_WRITTEN);
        assertThat(events.get(0).at("/data/failure/record/value/password").asText()).isEqualTo("***");
        assertThat(events.get(0).at("/data/failure/headers/0").toString()).isEqualTo("{\"token\":\"***\"}");
        assertThat(sink.lines().toString()).doesNotContain("SECRET").doesNotContain("hunter");
        assertThat(events.get(1).at("/message").asText()).contains("topic=orders").contains("token=***")
                .contains("traceparent=00-4bf9-00f0-01");
    }

    /**
     * A request entity built from a URI template has no URL, only the template and its variables: as a
     * bean, a query parameter's secret was written among the variables, beside the masked template.
     * Written with the variables in their places, the URL rules mask it as in any URL.
     */
    @Test
    void aRequestEntityIsWrittenWithItsTemplatesVariablesInTheirPlaces() {
        RequestEntity<Map<String, String>> positional = RequestEntity.post("https://api.example.com/users/{id}?api_key={key}", 42, "k-SECRET")
                .header("Authorization", "Bearer b-SECRET").body(Map.of("password", "p-SECRET"));
        RequestEntity<Void> named = RequestEntity.method(org.springframework.http.HttpMethod.GET,
                "https://api.example.com/{path}?access_token={token}&page={page}", Map.of("path", "orders", "token", "t-SECRET")).build();
        RequestEntity<Void> plain = RequestEntity.get(java.net.URI.create("https://ann:pw-SECRET@api.example.com/x")).build();

        JsonNode data = logged("positional", positional, "named", named, "plain", plain).get("data");

        assertThat(data.toString()).doesNotContain("SECRET");
        assertThat(data.at("/positional/method").asString()).isEqualTo("POST");
        assertThat(data.at("/positional/url").asString()).isEqualTo("https://api.example.com/users/42?api_key=***");
        assertThat(data.at("/positional/headers/Authorization").asString()).isEqualTo("***");
        assertThat(data.at("/positional/body/password").asString()).isEqualTo("***");
        assertThat(data.at("/named/url").asString()).isEqualTo("https://api.example.com/orders?access_token=***&page={page}");
        assertThat(data.at("/plain/url").asString()).isEqualTo("https://***@api.example.com/x");
    }

    public static class PasswordReset {
        private final String user;
        @jakarta.validation.constraints.Size(min = 12)
        private final String newPassword;

        PasswordReset(String user, String newPassword) {
            this.user = user;
            this.newPassword = newPassword;
        }

        public String getUser() {
            return user;
        }

        public String getNewPassword() {
            return newPassword;
        }
    }

    public record PasswordHistory(java.util.List<@jakarta.validation.constraints.Size(min = 12) String> previousPassword) {
    }

    public static class Accounts {
        public void reset(String user, @jakarta.validation.constraints.Size(min = 12) String password) {
        }
    }

    /**
     * What validation hands an error handler: a violation as its path, its invalid value under the
     * path's last name and its message (as a bean, a method parameter's value was written among the
     * method's arguments, apart from its name, or the whole value failed as {@code ***}); a binding
     * result as its object and errors (as a bean, too deep to write: {@code ***}, milliseconds a value).
     */
    @Test
    void validationErrorsAreWrittenWithTheirInvalidValuesUnderTheirNames() throws Exception {
        try (jakarta.validation.ValidatorFactory factory = jakarta.validation.Validation.byDefaultProvider().configure()
                .messageInterpolator(new org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator())
                .buildValidatorFactory()) {
            jakarta.validation.Validator validator = factory.getValidator();
            PasswordReset reset = new PasswordReset("ann", "short-SECRET");
            var propertyViolations = validator.validate(new PasswordReset("ann", "hunter2"));
            var elementViolations = validator.validate(new PasswordHistory(java.util.List.of("rt-SECRET")));
            var parameterViolations = validator.forExecutables().validateParameters(new Accounts(),
                    Accounts.class.getMethod("reset", String.class, String.class), new Object[] {"bob", "p-SECRET"});
            org.springframework.validation.BeanPropertyBindingResult binding =
                    new org.springframework.validation.BeanPropertyBindingResult(reset, "reset");
            binding.rejectValue("newPassword", "Size", "size must be between 12 and 2147483647");

            JsonNode data = logged("property", propertyViolations, "parameter", parameterViolations, "element", elementViolations,
                    "binding", binding).get("data");

            assertThat(data.toString()).doesNotContain("SECRET").doesNotContain("hunter2").doesNotContain("unreadable");
            assertThat(data.get("property").get(0).toString()).isEqualTo("{\"path\":\"newPassword\","
                    + "\"invalid\":{\"newPassword\":\"***\"},\"message\":\"size must be between 12 and 2147483647\"}");
            assertThat(data.get("parameter").get(0).toString()).isEqualTo("{\"path\":\"reset.password\","
                    + "\"invalid\":{\"password\":\"***\"},\"message\":\"size must be between 12 and 2147483647\"}");
            assertThat(data.get("element").get(0).toString()).isEqualTo("{\"path\":\"previousPassword[0].<list element>\","
                    + "\"invalid\":{\"previousPassword\":\"***\"},\"message\":\"size must be between 12 and 2147483647\"}");
            assertThat(data.get("binding").toString()).isEqualTo("{\"object\":\"reset\",\"errors\":[{\"object\":\"reset\","
                    + "\"field\":\"newPassword\",\"rejected\":{\"newPassword\":\"***\"},"
                    + "\"message\":\"size must be between 12 and 2147483647\"}]}");
        }
    }

    private static JsonNode logged(Object... keyValues) {
        InMemorySink sink = new InMemorySink();
        FapilogRuntime runtime = Fapilog.builder().preset(Preset.PRODUCTION).sinks().sink(sink).shutdownHook(false).start();
        runtime.getLogger("messages").info("values", keyValues);
        DrainResult result = runtime.stopAndDrain(Duration.ofSeconds(10));
        assertThat(result.processed()).isEqualTo(result.submitted()).isEqualTo(1);
        return TestSinks.parse(sink.lines()).get(0);
    }
}
