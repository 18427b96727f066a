package io.fapilog.internal.pipeline.redactors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class KeyValueTextMaskerTest {

    private final KeyValueTextMasker masker =
            new KeyValueTextMasker(FieldNames.of(Set.of("password", "token", "api_key", "authorization")));

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "login failed password=hunter2 for ann | login failed password=*** for ann",
            "password: hunter2 | password: ***",
            "db_password=hunter2;user=ann | db_password=***;user=ann",
            "user.password = hunter2 | user.password = ***",
            "GET /x?access_token=abc&page=2&apiKey=def | GET /x?access_token=***&page=2&apiKey=***",
            "https://h/p?token=abc#top | https://h/p?token=***#top",
            "{\"user\":\"ann\",\"password\":\"hun\\\"ter2\"} | {\"user\":\"ann\",\"password\":\"***\"}",
            "{\"token\" : {\"a\":[1,\"}\"]},\"n\":1} | {\"token\" : \"***\",\"n\":1}",
            "{\"api_key\":12345,\"n\":1} | {\"api_key\":***,\"n\":1}",
            "Authorization: Basic dXNlcjpwYXNz next | Authorization: *** next",
            "x-auth-token='abc def' rest | x-auth-token='***' rest",
            "password=*** already | password=*** already",
            "password:\thunter2 x | password:\t*** x",
            "password =\thunter2 | password =\t***",
            "{\"password\"\t:\"hunter2\"} | {\"password\"\t:\"***\"}",
            "Authorization: Bearer  tok3n next | Authorization: *** next",
            "Authorization: Bearer\ttok3n | Authorization: ***",
            "authorization=Basic\tdXNlcjpwYXNz x | authorization=*** x",
            "Authorization: Digest username=\"u\", response=\"6629fae4\", nc=1 | Authorization: ***",
            "Authorization: AWS4-HMAC-SHA256 Credential=AKID/x, Signature=fe5f80f7\\nnext | Authorization: ***\\nnext",
            "body={\\\"password\\\":\\\"hunter2\\\",\\\"n\\\":1} | body={\\\"password\\\":\\\"***\\\",\\\"n\\\":1}",
            "body={\\\"password\\\":\\\"p\\\\\\\"w0rd\\\"} x | body={\\\"password\\\":\\\"***\\\"} x",
            "Authorization: ok, user=ann status: done | Authorization: ***, user=ann status: done",
            "Authorization: Splunk 12345678-abcd next | Authorization: *** next",
            "proxy-authorization=SSWS 00aBcD x | proxy-authorization=*** x",
            "Field error in object 'signup' on field 'password': rejected value [hunter2 x]; codes [Size.signup.password]; default message [size] | Field error in object 'signup' on field 'password': rejected value [***]; codes [Size.signup.password]; default message [size]",
            "on field 'token': rejected value [[a, b]]; codes [x] | on field 'token': rejected value [***]; codes [x]",
            "on field 'api_key': rejected value [k3y] | on field 'api_key': rejected value [***]",
            "on field 'user': rejected value [ann]; codes [x] | on field 'user': rejected value [ann]; codes [x]",
            "[Accept:\"a\", \"b\", Authorization:\"Bearer t1\", \"Basic dTpw\", X-Token:\"k\"] | [Accept:\"a\", \"b\", Authorization:\"***\", X-Token:\"***\"]",
            "{\"password\":\"a\", \"user\":\"ann\"} | {\"password\":\"***\", \"user\":\"ann\"}",
            "{JobParameter{name='password', value=hunter2 x, type=class java.lang.String, identifying=true},JobParameter{name='run.id', value=17, type=class java.lang.Long, identifying=true}} | {JobParameter{name='password', value=***, type=class java.lang.String, identifying=true},JobParameter{name='run.id', value=17, type=class java.lang.Long, identifying=true}}",
            "[{\"name\":\"X-Api-Key\", \"value\": \"k1\"}, {\"name\":\"Accept\",\"value\":\"a\"}] | [{\"name\":\"X-Api-Key\", \"value\": \"***\"}, {\"name\":\"Accept\",\"value\":\"a\"}]",
            "Tag(key=token, value=t0k, note=n) | Tag(key=token, value=***, note=n)",
            "<headers><header name=\"Authorization\">Basic dTpw</header><header name=\"Accept\">a</header></headers> | <headers><header name=\"Authorization\">***</header><header name=\"Accept\">a</header></headers>",
            "<entry key='password'>hunter2</entry><property name=\"password\" value=\"hunter2\"/><add key=\"api_key\" value=\"k1\" /> | <entry key='password'>***</entry><property name=\"password\" value=\"***\"/><add key=\"api_key\" value=\"***\" />",
            "set name=password value=hunter2 now | set name=password value=*** now",
            "[{value=Basic dTpw, name=Authorization}, {value=text/html, name=Accept}, {value=t0k, key=token}] | [{value=***, name=Authorization}, {value=text/html, name=Accept}, {value=***, key=token}]",
            "{\"value\":\"k1\",\"name\":\"api_key\"} | {\"value\":\"***\",\"name\":\"api_key\"}",
            "the value: 3, name: ann | the value: 3, name: ann",
            "<user name=\"ann\">x</user> name=ann value=v | <user name=\"ann\">x</user> name=ann value=v",
    })
    void masksTheValueAfterASensitiveName(String text, String expected) {
        assertThat(masker.mask(text)).isEqualTo(expected);
    }

    /** A record's, a Lombok class's or a map's {@code toString()}: a member's value runs to the next member or the closing bracket. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "User(name=ann, password=correct horse battery, age=3) | User(name=ann, password=***, age=3)",
            "Login[user=ann, password=p@ss,SEKRET] | Login[user=ann, password=***]",
            "{password=a b c, user=ann} | {password=***, user=ann}",
            "Outer(inner=Inner(password=x y), id=1) | Outer(inner=Inner(password=***), id=1)",
            "Login[user=ann, password=p (old) w] tail | Login[user=ann, password=***] tail",
            "(login failed password=hunter2 for ann) | (login failed password=*** for ann)",
            "Broken(password=a b | Broken(password=*** b",
            "User(password=a b\\nc) | User(password=*** b\\nc)",
            "Login[user=ann, password=hun]ter2] | Login[user=ann, password=***]",
            "{password=hun}ter2, user=ann} | {password=***, user=ann}",
            "Lomb(user=ann, password=hun)ter2) | Lomb(user=ann, password=***)",
            "[Login[user=ann, password=x], Login[user=bob, password=y]] | [Login[user=ann, password=***], Login[user=bob, password=***]]",
            "Login[user=ann, password=hunter2]. Retrying | Login[user=ann, password=***]. Retrying",
            "User(name=ann, password=correct horse)登录失败 | User(name=ann, password=***)登录失败",
            "[Login[user=ann, password=x]abc and more free text] done | [Login[user=ann, password=***]abc and more free text] done",
            "{password=[hunter2, old], user=[ann]} | {password=[***], user=[ann]}",
            "{Accept=[a/b, c/d], Authorization=[Bearer abc, Basic def]} | {Accept=[a/b, c/d], Authorization=[***]}",
            "{token={a=1}, n=1} | {token={***}, n=1}",
            "{token=[], n=1} | {token=[], n=1}",
    })
    void masksAWholeMemberOfAnObjectsText(String text, String expected) {
        assertThat(masker.mask(text.replace("\\n", "\n"))).isEqualTo(expected.replace("\\n", "\n"));
    }

    /** Text in other notations: URL-encoded, XML, YAML on several lines, arrows, a no-break space. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "GET /login?user=a&password%3Dhunter2 | GET /login?user=a&password%3D***",
            "next=https%3A%2F%2Fh%2F%3Fpassword%3Dhun%21ter%26a%3Db | next=https%3A%2F%2Fh%2F%3Fpassword%3D***%26a%3Db",
            "q=a%3d1%26token%3dabc%20x | q=a%3d1%26token%3d***%20x",
            "<user>ann</user><password>hunter2</password> | <user>ann</user><password>***</password>",
            "<s:Body><ns1:api_key type=\"x\">k3y</ns1:api_key></s:Body> | <s:Body><ns1:api_key type=\"x\">***</ns1:api_key></s:Body>",
            "<password><![CDATA[a<b]]></password> | <password>***</password>",
            "<token>unclosed | <token>***",
            "config:\\n  password:\\n    hunter2\\n  user: ann | config:\\n  password:\\n    ***\\n  user: ann",
            "password:\\r\\n  hunter2\\r\\nuser: ann | password:\\r\\n  ***\\r\\nuser: ann",
            "token:\\n  - a\\n  - b\\nnext: 1 | token:\\n  ***\\nnext: 1",
            "- password:\\n    hunter2 | - password:\\n    ***",
            "{'password' => 'hunter2', 'user' => 'ann'} | {'password' => '***', 'user' => 'ann'}",
            ":password => hunter2 | :password => ***",
            "Map(password -> hunter2, user -> ann) | Map(password -> ***, user -> ann)",
            "password\\u00a0=\\u00a0hunter2 | password\\u00a0=\\u00a0***",
    })
    void masksTheValueInOtherNotations(String text, String expected) {
        assertThat(masker.mask(unescape(text))).isEqualTo(unescape(expected));
    }

    @Test
    void aYamlBlockScalarIsMaskedWithItsIndicator() {
        assertThat(masker.mask("password: |\n  line one\n  line two\nuser: ann")).isEqualTo("password: ***\nuser: ann");
        assertThat(masker.mask("token: >-\n  folded\nuser: ann")).isEqualTo("token: ***\nuser: ann");
        assertThat(masker.mask("password: |2\n   x\n")).isEqualTo("password: ***\n");
    }

    private static String unescape(String text) {
        return text.replace("\\n", "\n").replace("\\r", "\r").replace("\\u00a0", "\u00a0");
    }

    /** A name that reads as {@code password} with an invisible character inside or after it: masked in text as it is as a field's key. */
    @Test
    void readsANameWithInvisibleCharactersAsTheReaderSeesIt() {
        assertThat(masker.mask("pass\u0000word=hunter2secret x")).isEqualTo("pass\u0000word=*** x");
        assertThat(masker.mask("{\"pass\u200Bword\":\"hunter2secret\"}")).isEqualTo("{\"pass\u200Bword\":\"***\"}");
        assertThat(masker.mask("pass\u00ADword=hunter2secret")).isEqualTo("pass\u00ADword=***");
        assertThat(masker.mask("PASSWORD\u0000=hunter2secret")).isEqualTo("PASSWORD\u0000=***");
        assertThat(masker.mask("password\n=hunter2secret")).isEqualTo("password\n=***");
        assertThat(masker.mask("user=ann\u0007 password=x")).isEqualTo("user=ann\u0007 password=***");
    }

    @Test
    void anUnclosedQuotedParameterEndsWithItsLine() {
        assertThat(masker.mask("Authorization: Digest response=\"abc\nnext line user=ann"))
                .isEqualTo("Authorization: ***\nnext line user=ann");
    }

    @ParameterizedTest
    @ValueSource(strings = {"no separators here", "https://example.com:8443/path", "at 10:30:00 user=ann",
            "tokens=3 passwords: none", "password", "password=", "{\"user\":\"ann\"}",
            "a > b -> c", "<hint>password</hint>", "<password/> <token />", "</password>hunter",
            "password:\nuser: ann", "done: password:\n  x", "100%3D", "%3Dx", "password%3D", "x -> password"})
    void leavesOtherTextAsTheSameInstance(String text) {
        assertThat(masker.mask(text)).isSameAs(text);
    }
}
