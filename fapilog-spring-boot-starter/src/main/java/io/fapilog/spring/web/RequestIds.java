package io.fapilog.spring.web;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The request id policy: an incoming id is kept only when it is 1 to {@value #MAX_LENGTH}
 * characters of {@code [A-Za-z0-9._:-]}; anything else (absent, empty, too long, control
 * characters such as CR/LF, spaces, markup) is replaced by a new random UUID, so a client can
 * never inject text into log lines or response headers through it.
 */
public final class RequestIds {

    /** The longest incoming request id that is kept. */
    public static final int MAX_LENGTH = 128;

    private RequestIds() {
    }

    /** Whether {@code candidate} may be used as a request id as it is. */
    public static boolean isValid(String candidate) {
        if (candidate == null || candidate.isEmpty() || candidate.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < candidate.length(); i++) {
            if (!isAllowed(candidate.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** {@code candidate} when it is {@linkplain #isValid valid}, else a {@linkplain #generate new id}. */
    public static String resolve(String candidate) {
        return isValid(candidate) ? candidate : generate();
    }

    /**
     * A new random request id: a version-4 UUID from {@link ThreadLocalRandom}. A request id
     * correlates log lines, it guards nothing, so it needs no cryptographic randomness;
     * {@link UUID#randomUUID()} reads {@code SecureRandom} under a JVM-wide lock, which cost a few
     * per cent of a WebFlux event loop's time per request.
     */
    public static String generate() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long most = random.nextLong() & ~0xF000L | 0x4000L;                          // version 4
        long least = random.nextLong() & 0x3FFFFFFFFFFFFFFFL | 0x8000000000000000L;  // IETF variant
        return new UUID(most, least).toString();
    }

    private static boolean isAllowed(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '.' || c == '_' || c == ':' || c == '-';
    }
}
