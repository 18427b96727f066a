package io.fapilog.internal.pipeline.redactors;

/**
 * Masks the user-info part of URLs: {@code https://user:secret@host/path} becomes
 * {@code https://***@host/path}. A user name alone is masked too, since tokens are often passed
 * that way ({@code https://TOKEN@host}). The user-info runs from {@code ://} to the last {@code @}
 * before the end of the authority ({@code /}, {@code ?}, {@code #}, a quote, a bracket or white space).
 */
public final class UrlCredentialsMasker implements ValueMasker {

    private static final String SCHEME_END = "://";

    @Override
    public String mask(String value) {
        int schemeEnd = value.indexOf(SCHEME_END);
        MaskBuilder masked = null;
        while (schemeEnd >= 0) {
            int start = schemeEnd + SCHEME_END.length();
            int end = start;
            int at = -1;
            for (; end < value.length() && !endsAuthority(value.charAt(end)); end++) {
                if (value.charAt(end) == '@') {
                    at = end;
                }
            }
            if (at > start) {
                masked = (masked == null ? new MaskBuilder(value) : masked).mask(start, at);
            }
            schemeEnd = value.indexOf(SCHEME_END, end);
        }
        return masked == null ? value : masked.result();
    }

    private static boolean endsAuthority(char c) {
        return c == '/' || c == '?' || c == '#' || c == '"' || c == '\'' || c == '<' || c == '>'
                || c == '\\' || Character.isWhitespace(c);
    }
}
