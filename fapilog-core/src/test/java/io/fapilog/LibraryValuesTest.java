package io.fapilog;

import com.google.common.collect.ImmutableListMultimap;
import com.google.common.collect.Range;
import io.fapilog.sinks.InMemorySink;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
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
