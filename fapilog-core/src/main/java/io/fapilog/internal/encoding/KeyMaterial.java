package io.fapilog.internal.encoding;

import java.security.Key;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.List;
import javax.crypto.SecretKey;

/**
 * Keys and what holds them, written as their kind only, never through their getters nor their text:
 * a key of a provider outside the JDK (BouncyCastle's) would be written property by property, its
 * private exponent and encoded bytes among them; BouncyCastle's key parameters and
 * {@code PrivateKeyInfo} likewise; a nimbus JWK's text is its JSON, private members included; a Spring
 * Boot {@code SslBundle}'s getters and text read its key store from disk and decrypt its key, on every
 * event. The JDK's own keys are written the same way, whichever of its modules made them (their text
 * was {@code RSAPrivateCrtKeyImpl@1b2c3d} for one, {@code [EC private key]} for another).
 *
 * <ul>
 *   <li>a {@code java.security.Key}: {@code "[RSA private key]"}, {@code "[HmacSHA256 secret key]"}
 *   <li>the others: {@code "[JWK]"}, {@code "[SslBundle]"}
 * </ul>
 */
public final class KeyMaterial {

    private static final List<String> HOLDERS = List.of("org.bouncycastle.crypto.params.AsymmetricKeyParameter",
            "org.bouncycastle.crypto.params.KeyParameter", "org.bouncycastle.asn1.pkcs.PrivateKeyInfo",
            "com.nimbusds.jose.jwk.JWK", "com.nimbusds.jose.jwk.JWKSet", "com.nimbusds.jose.jwk.source.JWKSource",
            "org.springframework.boot.ssl.SslBundle", "org.springframework.boot.ssl.SslBundles",
            "org.springframework.boot.ssl.SslStoreBundle", "org.springframework.boot.ssl.SslManagerBundle",
            "org.springframework.boot.ssl.SslBundleKey");

    /** A {@code Boolean} holds no class of fapilog's loader (see {@code CallSnapshot}). */
    private static final ClassValue<Boolean> KEYS = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            if (Key.class.isAssignableFrom(type)) {
                return true; // the JDK's own too: alike whichever module made it ([EC private key] and [RSA private key])
            }
            return type.getClassLoader() != null && NamedTypes.isAny(type, HOLDERS);
        }
    };

    /** Writes a key as its {@linkplain #summary kind}, inside a record or bean too. */
    static final ConvertedSerializer SERIALIZER = new ConvertedSerializer(KeyMaterial::summary);

    private KeyMaterial() {
    }

    /** Whether values of {@code type} are keys or hold them, written as their {@linkplain #summary kind}. */
    public static boolean isKey(Class<?> type) {
        return KEYS.get(type);
    }

    /** What a key is written as: its algorithm and kind, or its type's name. */
    public static String summary(Object value) {
        if (value instanceof Key key) {
            String kind = key instanceof PrivateKey ? "private key" : key instanceof PublicKey ? "public key"
                    : key instanceof SecretKey ? "secret key" : "key";
            Object algorithm;
            try {
                algorithm = key.getAlgorithm();
            } catch (RuntimeException e) {
                algorithm = null;
            }
            return "[" + (algorithm == null ? "" : algorithm + " ") + kind + "]";
        }
        for (Class<?> type : NamedTypes.hierarchy(value.getClass())) {
            if (HOLDERS.contains(type.getName())) {
                return "[" + type.getSimpleName() + "]";
            }
        }
        return "[" + value.getClass().getSimpleName() + "]";
    }
}
