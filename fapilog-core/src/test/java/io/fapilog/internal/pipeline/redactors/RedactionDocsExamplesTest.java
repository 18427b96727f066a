package io.fapilog.internal.pipeline.redactors;

import io.fapilog.config.RedactionSettings;
import io.fapilog.internal.event.LogEvent;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The text examples of docs/redaction.md (a line break written ⏎), as the message of an event, with the preset they name. */
class RedactionDocsExamplesTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "credentials | login failed user=ann password=hunter2 | login failed user=ann password=***",
            "credentials | Authorization: Basic dXNlcjpwYXNz | Authorization: ***",
            "credentials | https://api.example.com/v1?access_token=abc&page=2&api_key=def"
                    + " | https://api.example.com/v1?access_token=***&page=2&api_key=***",
            "credentials | https://ann:s3cret@db.example.com/orders | https://***@db.example.com/orders",
            "credentials | {\"user\":\"ann\",\"password\":\"hunter2\"} | {\"user\":\"ann\",\"password\":\"***\"}",
            "credentials | {\"token\":{\"value\":\"abc\",\"ttl\":60}} | {\"token\":\"***\"}",
            "credentials | call with Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln | call with Bearer ***",
            "credentials | User(name=ann, password=hunter2) | User(name=ann, password=***)",
            "credentials | next=https%3A%2F%2Fh%2F%3Fpassword%3Dhunter2%26a%3Db | next=https%3A%2F%2Fh%2F%3Fpassword%3D***%26a%3Db",
            "credentials | <user>ann</user><ns1:password>hunter2</ns1:password> | <user>ann</user><ns1:password>***</ns1:password>",
            "credentials | <header name=\"Authorization\">Basic dTpw</header> | <header name=\"Authorization\">***</header>",
            "credentials | <property name=\"password\" value=\"hunter2\"/> | <property name=\"password\" value=\"***\"/>",
            "credentials | `[Set-Cookie:\"session=abc\", \"SID=def\", Accept:\"*/*\"]` | `[Set-Cookie:\"***\", Accept:\"*/*\"]`",
            "credentials | `JobParameter{name='password', value=hunter2, type=class java.lang.String}` | `JobParameter{name='password', value=***, type=class java.lang.String}`",
            "credentials | {\"name\":\"X-Api-Key\",\"value\":\"k\"} | {\"name\":\"X-Api-Key\",\"value\":\"***\"}",
            "credentials | db:⏎  password:⏎    hunter2⏎  user: ann | db:⏎  password:⏎    ***⏎  user: ann",
            "credentials | {'password' => 'hunter2'} | {'password' => '***'}",
            "credentials | Map(password -> hunter2) | Map(password -> ***)",
            "pci | `charged 4111 1111 1111 1111, cvv=123` | `charged ***, cvv=***`",
            "hipaa | `no record for 123-45-6789, diagnosis=J45` | `no record for ***, diagnosis=***`",
    })
    void theDocumentedExamplesHold(String preset, String text, String expected) {
        var redactor = Redactors.from(new RedactionSettings(Set.of(preset), Set.of(), List.of(), false, false)).get(0);
        LogEvent event = Events.withMessage(lines(text));

        redactor.redact(event);

        assertThat(event.message()).isEqualTo(lines(expected));
    }

    /** The docs write a line break in a table cell as ⏎. */
    private static String lines(String text) {
        return text.replace('⏎', '\n');
    }
}
