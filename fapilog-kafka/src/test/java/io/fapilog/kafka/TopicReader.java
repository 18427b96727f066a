package io.fapilog.kafka;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Reads a whole topic from the beginning with a real consumer. */
final class TopicReader {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One consumed record: partition, offset, key, the event's JSON and the value's size. */
    record Consumed(int partition, long offset, String key, JsonNode event, int valueBytes, long timestamp) {
        long seq() {
            return event.get("data").get("seq").asLong();
        }
    }

    private TopicReader() {
    }

    /**
     * Polls until {@code expected} records arrived (or 60 s passed), then once more for a second
     * to catch any record beyond them.
     */
    static List<Consumed> read(String bootstrapServers, String topic, int expected) {
        List<Consumed> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                poll(consumer, records, Duration.ofMillis(200));
            }
            poll(consumer, records, Duration.ofSeconds(1));
        }
        return records;
    }

    private static void poll(KafkaConsumer<byte[], byte[]> consumer, List<Consumed> into, Duration timeout) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(timeout)) {
            into.add(new Consumed(record.partition(), record.offset(),
                    record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8),
                    JSON.readTree(record.value()), record.value().length, record.timestamp()));
        }
    }
}
