package io.fapilog.spring.web;

import java.util.UUID;

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

    /** A new random request id (a UUID). */
    public static String generate() {
        return UUID.randomUUID().toString();
    }

    private static boolean isAllowed(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '.' || c == '_' || c == ':' || c == '-';
    }
}
