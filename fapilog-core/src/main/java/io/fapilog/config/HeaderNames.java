package io.fapilog.config;

/** HTTP header names as RFC 9110 defines them: a token of letters, digits and {@code !#$%&'*+-.^_`|~}. */
public final class HeaderNames {

    /** What a settings error says a header name may be. */
    public static final String ALLOWED = "a header name of letters, digits and !#$%&'*+-.^_`|~";

    private HeaderNames() {
    }

    public static boolean isValid(String name) {
        return name != null && !name.isEmpty() && name.chars().allMatch(HeaderNames::isTokenChar);
    }

    private static boolean isTokenChar(int c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }
}
