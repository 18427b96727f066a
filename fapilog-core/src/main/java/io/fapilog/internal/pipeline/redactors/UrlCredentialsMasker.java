package io.fapilog.internal.pipeline.redactors;

/**
 * Masks the user-info part of URLs: {@code https://user:secret@host/path} becomes
 * {@code https://***@host/path}. A user name alone is masked too, since tokens are often passed
 * that way ({@code https://TOKEN@host}). The user-info runs from {@code ://} to the last {@code @}
 * before the end of the authority ({@code /}, {@code ?}, {@code #}, a quote, a bracket or white space).
 * Oracle's JDBC URLs carry theirs without {@code //}: {@code jdbc:oracle:thin:scott/tiger@host:1521:orcl}
 * becomes {@code jdbc:oracle:thin:***@host:1521:orcl}. A value without {@code @} is returned after one
 * {@code indexOf}.
 */
public final class UrlCredentialsMasker implements ValueMasker {

    private static final String SCHEME_END = "://";
    private static final String ORACLE = "jdbc:oracle:";

    /** A value without {@code @} holds no user-info. */
    @Override
    public Anchors anchors() {
        return Anchors.of('@');
    }

    @Override
    public String mask(String value) {
        if (value.indexOf('@') < 0) {
            return value;
        }
        return maskUserInfo(maskOracleLogon(value));
    }

    private static String maskUserInfo(String value) {
        int schemeEnd = value.indexOf(SCHEME_END);
        MaskBuilder masked = null;
        while (schemeEnd >= 0) {
            int start = schemeEnd + SCHEME_END.length();
            int at = lastAt(value, start, UrlCredentialsMasker::endsAuthority);
            if (at > start) {
                masked = (masked == null ? new MaskBuilder(value) : masked).mask(start, at);
            }
            schemeEnd = value.indexOf(SCHEME_END, Math.max(start, at));
        }
        return masked == null ? value : masked.result();
    }

    /** {@code jdbc:oracle:<driver>:user/password@…}: the logon runs from the driver's colon to the last {@code @} before a blank, quote or bracket. */
    private static String maskOracleLogon(String value) {
        MaskBuilder masked = null;
        for (int p = indexOfIgnoreCase(value, ORACLE, 0); p >= 0; p = indexOfIgnoreCase(value, ORACLE, p)) {
            p += ORACLE.length();
            int driverEnd = value.indexOf(':', p);
            if (driverEnd < 0) {
                break;
            }
            int start = driverEnd + 1;
            int at = lastAt(value, start, UrlCredentialsMasker::endsLogon);
            if (at > start) {
                masked = (masked == null ? new MaskBuilder(value) : masked).mask(start, at);
            }
            p = Math.max(start, at);
        }
        return masked == null ? value : masked.result();
    }

    /** The last {@code @} from {@code start} before the first character that {@code ends} the part; -1 if none. */
    private static int lastAt(String value, int start, java.util.function.IntPredicate ends) {
        int at = -1;
        for (int i = start; i < value.length() && !ends.test(value.charAt(i)); i++) {
            if (value.charAt(i) == '@') {
                at = i;
            }
        }
        return at;
    }

    private static int indexOfIgnoreCase(String value, String needle, int from) {
        for (int i = from; i <= value.length() - needle.length(); i++) {
            if (value.regionMatches(true, i, needle, 0, needle.length())) {
                return i;
            }
        }
        return -1;
    }

    private static boolean endsLogon(int c) {
        return c == '"' || c == '\'' || c == '<' || c == '>' || c == '(' || Character.isWhitespace(c);
    }

    private static boolean endsAuthority(int c) {
        return c == '/' || c == '?' || c == '#' || c == '"' || c == '\'' || c == '<' || c == '>'
                || c == '\\' || Character.isWhitespace(c);
    }
}
