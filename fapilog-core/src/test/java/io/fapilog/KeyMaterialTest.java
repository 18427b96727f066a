package io.fapilog;

import com.nimbusds.jose.jwk.OctetSequenceKey;
import org.junit.jupiter.api.Test;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslStoreBundle;
import tools.jackson.databind.JsonNode;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.interfaces.RSAPrivateKey;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keys outside the JDK and what holds them: a provider's key was written property by property (its
 * private exponent, its encoded bytes), a JWK's text is its JSON with its private members, an SSL
 * bundle's getters and text read its key store from disk on every event.
 */
class KeyMaterialTest {

    private static final BigInteger EXPONENT = new BigInteger("72537932092447712345678901234567890");
    private static final byte[] HMAC = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    record Holder(String name, Object key) {
    }

    @Test
    void aProvidersKeyIsWrittenAsItsKindInEveryShape() {
        ProviderKey key = new ProviderKey();

        String line = TestSinks.loggedLine(() -> { }, "loaded {}", key, "field", key, "holder", new Holder("signing", key),
                "map", Map.of("k", key), "list", List.of(key));

        assertThat(line).doesNotContain(EXPONENT.toString(), Base64.getEncoder().encodeToString(key.getEncoded()));
        JsonNode event = TestSinks.JSON.readTree(line);
        assertThat(event.get("message").asString()).isEqualTo("loaded [RSA private key]");
        assertThat(event.get("data").toString()).isEqualTo("{\"field\":\"[RSA private key]\","
                + "\"holder\":{\"name\":\"signing\",\"key\":\"[RSA private key]\"},"
                + "\"map\":{\"k\":\"[RSA private key]\"},\"list\":[\"[RSA private key]\"]}");
    }

    /** The JDK's own keys alike, whichever of its modules made them (an RSA key's text was its type and hash, an EC key's its kind). */
    @Test
    void theJdksKeysAreWrittenAsTheirKindToo() throws Exception {
        java.security.KeyPairGenerator rsa = java.security.KeyPairGenerator.getInstance("RSA");
        rsa.initialize(1024);
        java.security.KeyPair rsaPair = rsa.generateKeyPair();
        java.security.KeyPair ecPair = java.security.KeyPairGenerator.getInstance("EC").generateKeyPair();
        javax.crypto.spec.SecretKeySpec hmac = new javax.crypto.spec.SecretKeySpec(HMAC, "HmacSHA256");

        JsonNode data = TestSinks.logged(() -> { }, "keys", "rsa", rsaPair.getPrivate(), "rsaPublic", rsaPair.getPublic(),
                "ec", ecPair.getPrivate(), "hmac", hmac, "holder", new Holder("signing", rsaPair.getPrivate())).get("data");

        assertThat(data.toString()).isEqualTo("{\"rsa\":\"[RSA private key]\",\"rsaPublic\":\"[RSA public key]\","
                + "\"ec\":\"[EC private key]\",\"hmac\":\"[HmacSHA256 secret key]\","
                + "\"holder\":{\"name\":\"signing\",\"key\":\"[RSA private key]\"}}");
    }

    @Test
    void aJwkAndAnSslBundleAreWrittenAsTheirTypeNeverThroughTheirTextOrGetters() {
        OctetSequenceKey jwk = new OctetSequenceKey.Builder(HMAC).keyID("k1").build();
        AtomicInteger storesRead = new AtomicInteger();
        SslBundle bundle = SslBundle.of(new CountingStores(storesRead));

        String line = TestSinks.loggedLine(() -> { }, "jwk {} bundle {}", jwk, bundle, "jwk", jwk, "bundle", bundle);

        assertThat(line).doesNotContain(Base64.getUrlEncoder().withoutPadding().encodeToString(HMAC));
        JsonNode event = TestSinks.JSON.readTree(line);
        assertThat(event.get("message").asString()).isEqualTo("jwk [JWK] bundle [SslBundle]");
        assertThat(event.get("data").toString()).isEqualTo("{\"jwk\":\"[JWK]\",\"bundle\":\"[SslBundle]\"}");
        assertThat(storesRead.get()).isZero();
    }

    /** A JWK's JSON, as its toJSONString() or toJSONObject() gives it, in a message, a field or an exception's message. */
    @Test
    void aJwksPrivateMembersAreMaskedInItsJsonAndItsMap() {
        OctetSequenceKey jwk = new OctetSequenceKey.Builder(HMAC).keyID("k1").build();
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(HMAC);

        String line = TestSinks.loggedLine(() -> { }, "loaded " + jwk.toJSONString(), "json", jwk.toJSONString(),
                "map", jwk.toJSONObject(), "tree", TestSinks.JSON.readTree(jwk.toJSONString()),
                new IllegalStateException("failed for " + jwk));

        assertThat(line).doesNotContain(secret);
        JsonNode event = TestSinks.JSON.readTree(line);
        assertThat(event.get("data").get("map").get("k").asString()).isEqualTo("***");
        assertThat(event.get("data").get("map").get("kid").asString()).isEqualTo("k1");
        assertThat(event.get("data").get("tree").get("k").asString()).isEqualTo("***");
        assertThat(event.get("data").get("json").asString()).contains("\"k\":\"***\"", "\"kid\":\"k1\"");
        assertThat(event.get("message").asString()).contains("\"k\":\"***\"");
    }

    @Test
    void aPemPrivateKeysBodyAndABcryptHashAreMaskedInText() {
        String pem = "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----\n";
        String hash = "$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy";

        JsonNode data = TestSinks.logged(() -> { }, "material", "pem", pem, "stored", "user ann hash " + hash).get("data");

        assertThat(data.get("pem").asString()).isEqualTo("-----BEGIN PRIVATE KEY-----***-----END PRIVATE KEY-----\n");
        assertThat(data.get("stored").asString()).isEqualTo("user ann hash ***");
    }

    /** A key of a provider outside the JDK (as BouncyCastle's): its getters show what it holds. */
    public static final class ProviderKey implements RSAPrivateKey {
        @Override
        public BigInteger getPrivateExponent() {
            return EXPONENT;
        }

        @Override
        public BigInteger getModulus() {
            return BigInteger.valueOf(3233);
        }

        @Override
        public String getAlgorithm() {
            return "RSA";
        }

        @Override
        public String getFormat() {
            return "PKCS#8";
        }

        @Override
        public byte[] getEncoded() {
            return "private-key-bytes-0042".getBytes(StandardCharsets.US_ASCII);
        }

        @Override
        public String toString() {
            return "ProviderKey private exponent: " + EXPONENT;
        }
    }

    /** Key stores read from disk: counted. */
    private record CountingStores(AtomicInteger reads) implements SslStoreBundle {
        @Override
        public KeyStore getKeyStore() {
            reads.incrementAndGet();
            return null;
        }

        @Override
        public String getKeyStorePassword() {
            return "st0re-pw";
        }

        @Override
        public KeyStore getTrustStore() {
            reads.incrementAndGet();
            return null;
        }
    }
}
