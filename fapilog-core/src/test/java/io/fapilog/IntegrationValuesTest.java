package io.fapilog;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.cache.concurrent.ConcurrentMapCache;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.session.MapSession;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.JsonNode;

import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Objects of Spring's integrations that applications log: mail messages and senders (whose getters
 * fetch from the server, parse content or create a session on the worker), Spring Session's sessions
 * (whose id is a credential), RabbitMQ's factories and Spring's caches (services, whose getters fail).
 */
class IntegrationValuesTest {

    @Test
    void mailMessagesAndSendersAreWrittenAsTheirTextNeverThroughTheirGetters() throws Exception {
        AtomicInteger reads = new AtomicInteger();
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties())) {
            @Override
            public String getSubject() {
                reads.incrementAndGet(); // an IMAP message fetches its envelope from the server here
                return "reset";
            }

            @Override
            public Object getContent() {
                reads.incrementAndGet();
                return "your code";
            }

            @Override
            public String toString() {
                return "MimeMessage";
            }
        };
        AtomicInteger sessions = new AtomicInteger();
        JavaMailSenderImpl sender = new JavaMailSenderImpl() {
            @Override
            public synchronized Session getSession() {
                sessions.incrementAndGet(); // made on first call: logging would make it
                return super.getSession();
            }
        };
        sender.setPassword("hunter2");

        JsonNode data = logged("message", message, "sender", sender).get("data");

        assertThat(reads.get() + sessions.get()).isZero();
        assertThat(data.get("message").asString()).isEqualTo("MimeMessage");
        assertThat(data.get("sender").asString()).isEqualTo(sender.toString());
    }

    @Test
    void aSpringSessionIsWrittenAsItsKindItsIdNever() {
        MapSession session = new MapSession("s3ss-1d");
        session.setAttribute("user", "ann");

        JsonNode data = logged("current", session).get("data"); // under "session" it would be *** by its name

        assertThat(data.get("current").asString()).isEqualTo("[Session]");
    }

    @Test
    void connectionFactoriesCachesAndSizesAreWrittenAsTheirText() {
        CachingConnectionFactory factory = new CachingConnectionFactory("127.0.0.1", 1);
        ConcurrentMapCache cache = new ConcurrentMapCache("tokens");

        JsonNode data = logged("factory", factory, "cache", cache, "size", DataSize.ofMegabytes(10)).get("data");

        assertThat(data.get("factory").asString()).isEqualTo(factory.toString());
        assertThat(data.get("cache").asString()).isEqualTo(cache.toString());
        assertThat(data.get("size").asString()).isEqualTo("10485760B");
    }

    /** A boolean's text under a sensitive name tells no secret: kept, and not masked wherever the event repeats it. */
    @Test
    void trueUnderASensitiveNameIsKeptAndNotMaskedElsewhere() {
        JsonNode event = TestSinks.logged(() -> { }, "it is true that auth is on", "mail.smtp.auth", "true", "password", "hunter2",
                "feature.enabled", "true");

        assertThat(event.get("message").asString()).isEqualTo("it is true that auth is on");
        assertThat(event.get("data").toString())
                .isEqualTo("{\"mail.smtp.auth\":\"true\",\"password\":\"***\",\"feature.enabled\":\"true\"}");
    }

    /**
     * A secret of letters only or of digits only is masked where the event repeats it as a whole
     * word, not inside a longer word or number; one of mixed characters wherever it occurs.
     */
    @Test
    void aSecretOfLettersOrDigitsIsMaskedAsAWholeWordOnly() {
        JsonNode event = TestSinks.logged(() -> { },
                "auth enabled, enabledword kept, pin 1234 not in 12345678 nor x1234; s3cr3t in xs3cr3tx",
                "auth", "enabled", "pin", 1234, "password", "s3cr3t", "note", "(enabled) 1234-5 enabled2");

        assertThat(event.get("message").asString())
                .isEqualTo("auth ***, enabledword kept, pin *** not in 12345678 nor x***; *** in x***x");
        assertThat(event.get("data").get("note").asString()).isEqualTo("(***) ***-5 ***2");
    }

    private static JsonNode logged(Object... keyValues) {
        return TestSinks.logged(() -> { }, "values", keyValues);
    }
}
