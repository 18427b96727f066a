package io.fapilog.internal.pipeline.redactors;

import io.fapilog.spi.Redactor;

/**
 * Masks values that follow a sensitive name in free text: {@code password=hunter2},
 * {@code password: hunter2}, {@code password => hunter2}, {@code password -> hunter2}, URL query parameters
 * ({@code ?access_token=abc&api_key=def}, URL-encoded too: {@code password%3Dabc%26}), JSON held in a
 * string ({@code {"password":"hunter2"}}, {@code "token": {...}}), XML elements
 * ({@code <password>hunter2</password>}) and YAML values on the lines below their name
 * ({@code password:} then an indented value or a {@code |} block). Names match as
 * {@link FieldNames} does, so {@code db_password=x} is masked too.
 *
 * <p>The value runs to the closing quote when quoted, to the matching bracket when it is a JSON
 * object or array (replaced by {@code "***"} so the JSON stays valid), else to the next blank,
 * {@code & , ; " ' ) ] } < > #}; in Spring's bind errors ({@code field 'password': rejected value [hunter2]}),
 * to the bracket that closes it. After an HTTP authentication scheme ({@code Basic}, {@code Bearer}...)
 * the credentials that follow are masked too; after a {@code Cookie:} or {@code Set-Cookie:} header
 * name, the rest of the line (every cookie, not only the first). A value without any of
 * {@code = : % >} is returned after four {@code indexOf}s.
 */
public final class KeyValueTextMasker implements ValueMasker {

    private static final String[] AUTH_SCHEMES = {"basic", "bearer", "digest", "token", "negotiate", "apikey"};
    private static final String QUOTED_MASK = '"' + Redactor.MASK + '"';
    /** URL-encoded characters that end an encoded value: {@code & ; , blank " '}. */
    private static final String[] ENCODED_ENDS = {"26", "3B", "2C", "20", "22", "27"};
    /** How far back from a {@code >} an element's opening {@code <} is looked for. */
    private static final int MAX_TAG_LENGTH = 128;

    private final FieldNames names;

    public KeyValueTextMasker(FieldNames names) {
        this.names = names;
    }

    /** A name and its value are separated by {@code =}, {@code :}, {@code %3D}, {@code ->} or an element's {@code >}. */
    @Override
    public Anchors anchors() {
        return Anchors.of('=', ':', '%', '>');
    }

    @Override
    public String mask(String value) {
        int equals = value.indexOf('=');
        int colon = value.indexOf(':');
        int percent = value.indexOf('%');
        int angle = value.indexOf('>');
        MaskBuilder masked = null;
        int p = first(equals, colon, percent, angle);
        while (p >= 0) {
            int from = p + 1;
            char separator = value.charAt(p);
            int start = -1;
            int end = -1;
            if (separator == '>' && p > 0 && value.charAt(p - 1) == '-') {
                if (sensitiveNameStart(value, p - 1) >= 0) { // Scala's Map(password -> x)
                    start = skipBlanks(value, p + 1);
                    end = start < value.length() ? valueEnd(value, start) : -1;
                }
            } else if (separator == '>') {
                start = p + 1;
                end = elementValueEnd(value, p);
            } else if (separator == '%') {
                if (isEncodedEquals(value, p) && sensitiveNameStart(value, p) >= 0) {
                    start = p + 3;
                    end = encodedValueEnd(value, start);
                }
            } else if (!isSchemeSeparator(value, p)) {
                int keyStart = sensitiveNameStart(value, p);
                if (keyStart >= 0) {
                    start = valueStart(value, p);
                    int member = start < value.length() && isLineBreak(value.charAt(start))
                            ? jsonMemberValueOnALaterLine(value, keyStart, p, start) : -1;
                    if (member >= 0) {
                        start = member;
                        end = valueEnd(value, keyStart, p, start);
                    } else if (start < value.length() && isLineBreak(value.charAt(start))) {
                        end = value.charAt(p) == ':' ? yamlBlockEnd(value, keyStart, start) : -1;
                        start = skipBlanks(value, lineAfter(value, start));
                    } else if (value.startsWith(REJECTED_VALUE, start)) {
                        int rejected = start + REJECTED_VALUE.length();
                        int rejectedEnd = rejectedValueEnd(value, rejected);
                        if (rejectedEnd > rejected) { // as text, whatever it looks like: [a, b] stays in its brackets
                            masked = (masked == null ? new MaskBuilder(value) : masked).mask(rejected, rejectedEnd);
                            from = rejectedEnd;
                        }
                    } else if (start < value.length()) {
                        end = valueEnd(value, keyStart, p, start);
                    }
                } else {
                    int keyEnd = nameEnd(value, p);
                    int otherKeyStart = keyStartBefore(value, keyEnd);
                    int pairedSeparator = isPairName(value, otherKeyStart, keyEnd) ? pairedValueSeparator(value, p) : -1;
                    if (isJwkPrivateMember(value, otherKeyStart, keyEnd)) {
                        start = valueStart(value, p);
                        end = start < value.length() ? valueEnd(value, otherKeyStart, p, start) : -1;
                    } else if (pairedSeparator >= 0) {
                        start = valueStart(value, pairedSeparator);
                        int valueKeyStart = nameEnd(value, pairedSeparator) - PAIR_VALUE.length();
                        end = start < value.length() ? valueEnd(value, valueKeyStart, pairedSeparator, start) : -1;
                    } else if (keyEnd - otherKeyStart == PAIR_VALUE.length()
                            && value.regionMatches(true, otherKeyStart, PAIR_VALUE, 0, PAIR_VALUE.length())) {
                        start = valueStart(value, p); // {value=..., name=Authorization}: a map's order
                        int valueEnd = start < value.length() ? valueEnd(value, otherKeyStart, p, start) : -1;
                        end = valueEnd > start && sensitivelyNamedAt(value, valueEnd) ? valueEnd : -1;
                    }
                }
            }
            if (end > start) {
                masked = mask(value, start, end, masked);
                from = Math.max(end, from);
            }
            equals = nextFrom(value, '=', equals, from);
            colon = nextFrom(value, ':', colon, from);
            percent = nextFrom(value, '%', percent, from);
            angle = nextFrom(value, '>', angle, from);
            p = first(equals, colon, percent, angle);
        }
        return masked == null ? value : masked.result();
    }

    private static final String PAIR_VALUE = "value";

    /**
     * Whether the name before {@code p} is a JWK's private member in the text of a JWK (its JSON, a
     * map's text of it): the text names a {@code kty}. Such names are too short to mask anywhere else.
     */
    private static boolean isJwkPrivateMember(String value, int keyStart, int keyEnd) {
        return keyEnd - keyStart <= 3 && keyEnd > keyStart && StructureWalker.JWK_PRIVATE_MEMBERS.contains(value.substring(keyStart, keyEnd))
                && value.contains(StructureWalker.JWK_TYPE);
    }

    /** Where the key that ends at {@code keyEnd} starts: at {@code keyEnd} when there is none. */
    private static int keyStartBefore(String value, int keyEnd) {
        int keyStart = keyEnd;
        while (keyStart > 0 && isKeyChar(value.charAt(keyStart - 1))) {
            keyStart--;
        }
        return keyStart;
    }

    /** Whether the key from {@code keyStart} to {@code keyEnd} names a pair: {@code name} or {@code key}, in any case. */
    private static boolean isPairName(String value, int keyStart, int keyEnd) {
        int length = keyEnd - keyStart;
        return length == 4 && value.regionMatches(true, keyStart, "name", 0, 4)
                || length == 3 && value.regionMatches(true, keyStart, "key", 0, 3);
    }

    /** The end of the sensitive name at {@code start}, quoted or not (past its closing quote); -1 when it is none. */
    private int sensitiveNameEnd(String value, int start) {
        if (start >= value.length()) {
            return -1;
        }
        boolean quoted = isQuote(value.charAt(start));
        int end = quoted ? closingQuote(value, start + 1, value.charAt(start)) : tokenEnd(value, start);
        int nameStart = quoted ? start + 1 : start;
        int nameEnd = quoted ? end - 1 : end;
        return nameEnd > nameStart && names.contains(value, nameStart, nameEnd) ? end : -1;
    }

    /** Whether a {@code name} or {@code key} with a sensitive name follows {@code from}, after a comma or blanks. */
    private boolean sensitivelyNamedAt(String value, int from) {
        int i = from < value.length() && isQuote(value.charAt(from)) ? from + 1 : from;
        int afterComma = i < value.length() && value.charAt(i) == ',' ? i + 1 : i;
        i = skipBlanks(value, afterComma);
        if (i == from) {
            return false;
        }
        boolean quotedKey = i < value.length() && isQuote(value.charAt(i));
        int keyStart = quotedKey ? i + 1 : i;
        int keyEnd = keyStart;
        while (keyEnd < value.length() && isKeyChar(value.charAt(keyEnd))) {
            keyEnd++;
        }
        if (!isPairName(value, keyStart, keyEnd)) {
            return false;
        }
        i = skipBlanks(value, keyEnd + (quotedKey ? 1 : 0));
        if (i >= value.length() || value.charAt(i) != '=' && value.charAt(i) != ':') {
            return false;
        }
        return sensitiveNameEnd(value, skipBlanks(value, i + 1)) >= 0;
    }

    /**
     * Whether a tag's attributes, between {@code from} and its {@code >} at {@code to}, name it with a
     * sensitive {@code name} or {@code key}: {@code <header name="Authorization">}, {@code <entry key="password">}.
     */
    private boolean namedSensitive(String value, int from, int to) {
        for (int i = value.indexOf('=', from); i >= 0 && i < to; i = value.indexOf('=', i + 1)) {
            if (isPairName(value, Math.max(from, keyStartBefore(value, i)), i) && i + 1 < to && isQuote(value.charAt(i + 1))) {
                int close = value.indexOf(value.charAt(i + 1), i + 2);
                if (close > i + 2 && close < to && names.contains(value, i + 2, close)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * A name and value pair's text whose name is sensitive: {@code name='password', value=hunter2}
     * (Spring Batch's job parameters), {@code key=token, value=...}, {@code "name":"X-Api-Key","value":...},
     * {@code <property name="password" value="..."/>}. When {@code p} follows {@code name} or {@code key}
     * (the caller knows) and a sensitive name, and {@code value} follows that after a comma or blanks,
     * the position of the value's {@code =} or {@code :}; else -1.
     */
    private int pairedValueSeparator(String value, int p) {
        int end = sensitiveNameEnd(value, valueStart(value, p));
        if (end < 0) {
            return -1;
        }
        int i = end < value.length() && value.charAt(end) == ',' ? end + 1 : end;
        int next = skipBlanks(value, i);
        if (next == end) {
            return -1; // neither a comma nor a blank after the name
        }
        i = next;
        boolean quotedKey = i < value.length() && isQuote(value.charAt(i));
        if (quotedKey) {
            i++;
        }
        if (!value.regionMatches(i, PAIR_VALUE, 0, PAIR_VALUE.length())) {
            return -1;
        }
        i += PAIR_VALUE.length();
        if (quotedKey) {
            if (i >= value.length() || !isQuote(value.charAt(i))) {
                return -1;
            }
            i++;
        }
        i = skipBlanks(value, i);
        return i < value.length() && (value.charAt(i) == '=' || value.charAt(i) == ':') ? i : -1;
    }

    /** The end of the value after the name at {@code keyStart} and its {@code =} or {@code :} at {@code p}. */
    private int valueEnd(String value, int keyStart, int p, int start) {
        int indicatorEnd = value.charAt(p) == ':' ? blockIndicatorEnd(value, start) : -1;
        int block = indicatorEnd < 0 ? -1 : yamlBlockEnd(value, keyStart, indicatorEnd);
        if (block >= 0) {
            return block;
        }
        int end = isLineValued(value, keyStart, p, start) ? headerValueEnd(value, start)
                : isAuthorization(value, keyStart, p) && isBare(value, start)
                ? schemeAndCredentialsEnd(value, start) : valueEnd(value, start);
        if (value.charAt(p) == '=' && isBare(value, start) && isMember(value, keyStart)) {
            end = memberValueEnd(value, keyStart, start, end);
        }
        if (value.charAt(p) == ':' && value.charAt(start) == '"' && !isQuote(value.charAt(nameEnd(value, p)))) {
            end = furtherQuotedValuesEnd(value, end);
        }
        return end;
    }

    /**
     * The end of the quoted values that follow the one ending at {@code end}, each after a comma:
     * an unquoted header name's values as Spring's {@code HttpHeaders} prints several,
     * {@code Set-Cookie:"a=1", "b=2"}.
     */
    private static int furtherQuotedValuesEnd(String value, int end) {
        while (end > 0 && value.charAt(end - 1) == '"' && value.startsWith(", \"", end)) {
            end = closingQuote(value, end + 3, '"');
        }
        return end;
    }

    /**
     * Spring's bind errors ({@code MethodArgumentNotValidException}, {@code BindException}):
     * {@code on field 'password': rejected value [hunter2]; codes [...]}: the value in the brackets.
     */
    private static final String REJECTED_VALUE = "rejected value [";

    /** The end of a rejected value: before {@code ]; codes [} that follows it in Spring's text, else its closing bracket. */
    private static int rejectedValueEnd(String value, int start) {
        int codes = value.indexOf("]; codes [", start);
        int close = codes >= 0 ? codes : value.indexOf(']', start);
        return close >= 0 ? close : value.length();
    }

    /** The next occurrence of {@code c} at or after {@code from}, given the one found before ({@code known}). */
    private static int nextFrom(String value, char c, int known, int from) {
        return known < 0 || known >= from ? known : value.indexOf(c, from);
    }

    private static int first(int a, int b, int c, int d) {
        return next(next(a, b), next(c, d));
    }

    private static int next(int a, int b) {
        return a < 0 ? b : b < 0 ? a : Math.min(a, b);
    }

    private static boolean isSchemeSeparator(String value, int p) {
        return value.charAt(p) == ':' && value.startsWith("//", p + 1);
    }

    /**
     * Where the sensitive name that ends right before {@code p} (maybe quoted, maybe followed by
     * blanks) starts; -1 when there is none.
     */
    private int sensitiveNameStart(String value, int p) {
        int keyEnd = nameEnd(value, p);
        int keyStart = keyEnd;
        while (keyStart > 0 && isKeyChar(value.charAt(keyStart - 1))) {
            keyStart--;
        }
        if (keyStart > 0 && value.charAt(keyStart - 1) == '%' && keyEnd - keyStart > 2
                && Character.digit(value.charAt(keyStart), 16) >= 0 && Character.digit(value.charAt(keyStart + 1), 16) >= 0) {
            keyStart += 2; // after an encoded separator: ?a=1%26password%3D...
        }
        return keyStart < keyEnd && names.contains(value, keyStart, keyEnd) ? keyStart : -1;
    }

    private static int nameEnd(String value, int p) {
        int keyEnd = p;
        while (keyEnd > 0 && (isBlank(value.charAt(keyEnd - 1)) || isLineBreak(value.charAt(keyEnd - 1)))) {
            keyEnd--;
        }
        if (keyEnd > 0 && isQuote(value.charAt(keyEnd - 1))) {
            keyEnd--;
            if (keyEnd > 0 && value.charAt(keyEnd - 1) == '\\') {
                keyEnd--; // JSON held in a JSON string: {\"password\":\"...\"}
            }
        }
        return keyEnd;
    }

    /**
     * Whether the value at {@code start} runs to the end of the line: after the unquoted name of a
     * {@code Cookie} or {@code Set-Cookie} header (every cookie, not only the first), and of an
     * {@code Authorization} or {@code Proxy-Authorization} header whose scheme takes parameters
     * (Digest's {@code response="..."}, AWS's {@code Credential=..., Signature=...}); other values,
     * {@code Bearer} and its token among them, are one token. {@code "cookie": "..."} in JSON is not a header.
     */
    private static boolean isLineValued(String value, int keyStart, int p, int start) {
        int keyEnd = nameEnd(value, p);
        if (value.charAt(p) != ':' || keyEnd < p && isQuote(value.charAt(keyEnd)) || isQuote(value.charAt(start))) {
            return false;
        }
        int length = keyEnd - keyStart;
        if (length == 6 && value.regionMatches(true, keyStart, "cookie", 0, 6)
                || length == 10 && value.regionMatches(true, keyStart, "set-cookie", 0, 10)) {
            return true;
        }
        return isAuthorization(value, keyStart, p) && schemeTakesParameters(value, start);
    }

    /** Whether the name before {@code p} is {@code Authorization} or {@code Proxy-Authorization}. */
    private static boolean isAuthorization(String value, int keyStart, int p) {
        int length = nameEnd(value, p) - keyStart;
        return length == 13 && value.regionMatches(true, keyStart, "authorization", 0, 13)
                || length == 19 && value.regionMatches(true, keyStart, "proxy-authorization", 0, 19);
    }

    /**
     * The end of an authorization value: its scheme and the token after it, whatever the scheme
     * ({@code Splunk}, {@code SSWS}, {@code SharedKey}... as well as {@code Bearer}); the scheme alone
     * when nothing follows on it.
     */
    private static int schemeAndCredentialsEnd(String value, int start) {
        int end = tokenEnd(value, start);
        int credentials = skipBlanks(value, end);
        if (credentials > end && credentials < value.length()) {
            int credentialsEnd = tokenEnd(value, credentials);
            if (credentialsEnd > credentials) {
                return credentialsEnd;
            }
        }
        return end;
    }

    /** Whether the scheme at {@code start} is followed by a {@code name=} parameter. */
    private static boolean schemeTakesParameters(String value, int start) {
        int parameter = skipBlanks(value, tokenEnd(value, start));
        int nameEnd = parameter;
        while (nameEnd < value.length() && isKeyChar(value.charAt(nameEnd))) {
            nameEnd++;
        }
        return nameEnd > parameter && nameEnd < value.length() && value.charAt(nameEnd) == '=';
    }

    /**
     * The end of such a header's value: the end of the line, or of the string that holds the header
     * (a quote, or a backslash of an escaped line break or quote in JSON text). A quote right after
     * {@code =} opens a parameter ({@code response="..."} in Digest), which runs to its closing quote.
     */
    private static int headerValueEnd(String value, int start) {
        int end = start;
        while (end < value.length() && "\n\r\"\\".indexOf(value.charAt(end)) < 0
                || end < value.length() && value.charAt(end) == '"' && end > start && value.charAt(end - 1) == '=') {
            end = value.charAt(end) == '"' ? parameterEnd(value, end + 1) : end + 1;
        }
        while (end > start && value.charAt(end - 1) == ' ') {
            end--;
        }
        return end;
    }

    /** The end of a quoted header parameter: its closing quote, or the end of the line. */
    private static int parameterEnd(String value, int from) {
        for (int i = from; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                return i + 1;
            } else if (c == '\n' || c == '\r') {
                return i;
            }
        }
        return value.length();
    }

    /** After {@code =}, {@code :} or {@code =>}, and the blanks that follow. */
    private static int valueStart(String value, int p) {
        int after = p + 1;
        if (value.charAt(p) == '=' && after < value.length() && value.charAt(after) == '>') {
            after++;
        }
        return skipBlanks(value, after);
    }

    /** Whether {@code %3D} (an encoded {@code =}) is at {@code p}. */
    private static boolean isEncodedEquals(String value, int p) {
        return value.regionMatches(true, p + 1, "3D", 0, 2);
    }

    /** The end of a URL-encoded value: a token's end, or an encoded {@code & ; , blank " '}. */
    private static int encodedValueEnd(String value, int start) {
        int end = start;
        while (end < value.length() && !endsToken(value.charAt(end)) && !isEncodedEnd(value, end)) {
            end++;
        }
        return end;
    }

    private static boolean isEncodedEnd(String value, int i) {
        if (value.charAt(i) != '%') {
            return false;
        }
        for (String end : ENCODED_ENDS) {
            if (value.regionMatches(true, i + 1, end, 0, 2)) {
                return true;
            }
        }
        return false;
    }

    /**
     * When the {@code >} at {@code p} closes the opening tag of an element with a sensitive name
     * ({@code <password>}, {@code <ns:apiKey type="x">}), the end of its text: the next {@code </}
     * (or the end of the string); else -1.
     */
    private int elementValueEnd(String value, int p) {
        int open = p - 1;
        while (open >= 0 && p - open <= MAX_TAG_LENGTH && "<>\n\r".indexOf(value.charAt(open)) < 0) {
            open--;
        }
        if (open < 0 || value.charAt(open) != '<' || value.charAt(p - 1) == '/') {
            return -1;
        }
        int nameStart = open + 1;
        int nameEnd = nameStart;
        while (nameEnd < p && isKeyChar(value.charAt(nameEnd)) || nameEnd < p && value.charAt(nameEnd) == ':') {
            if (value.charAt(nameEnd) == ':') {
                nameStart = nameEnd + 1; // a namespace prefix
            }
            nameEnd++;
        }
        if (nameEnd == nameStart || nameEnd < p && !isBlank(value.charAt(nameEnd))
                || !names.contains(value, nameStart, nameEnd) && !namedSensitive(value, nameEnd, p)) {
            return -1;
        }
        int close = value.indexOf("</", p + 1);
        return close < 0 ? value.length() : close;
    }

    private static boolean isLineBreak(char c) {
        return c == '\n' || c == '\r';
    }

    /**
     * Where the value of a JSON member starts when a line break follows its colon ({@code "password":}
     * then {@code "hunter2"} on the next line, as JSON allows): the name is quoted and the first thing
     * after the blank lines is a JSON value. -1 otherwise (a YAML value or block below its name).
     */
    private static int jsonMemberValueOnALaterLine(String value, int keyStart, int p, int lineBreak) {
        if (value.charAt(p) != ':' || keyStart == 0 || value.charAt(keyStart - 1) != '"') {
            return -1;
        }
        int i = lineBreak;
        while (i < value.length() && (isBlank(value.charAt(i)) || isLineBreak(value.charAt(i)))) {
            i++;
        }
        if (i == value.length()) {
            return -1;
        }
        char c = value.charAt(i);
        return c == '"' || c == '{' || c == '[' || c == '-' || Character.isDigit(c) || c == 't' || c == 'f' || c == 'n' ? i : -1;
    }

    /**
     * The end of a YAML block scalar's indicator at {@code start} ({@code |}, {@code >-}, {@code |+2}...)
     * followed by the end of its line; -1 when there is none.
     */
    private static int blockIndicatorEnd(String value, int start) {
        if (value.charAt(start) != '|' && value.charAt(start) != '>') {
            return -1;
        }
        int end = start + 1;
        while (end < value.length() && end - start < 3 && "-+123456789".indexOf(value.charAt(end)) >= 0) {
            end++;
        }
        int after = skipBlanks(value, end);
        return after == value.length() || isLineBreak(value.charAt(after)) ? end : -1;
    }

    /**
     * When the name at {@code keyStart} begins its line (YAML: {@code password:}, {@code - token:}),
     * the end of the lines after {@code from} indented deeper than it: its value (a scalar on the
     * next line, a block scalar, a list or a mapping). Else -1.
     */
    private static int yamlBlockEnd(String value, int keyStart, int from) {
        int lineStart = keyStart;
        while (lineStart > 0 && !isLineBreak(value.charAt(lineStart - 1))) {
            lineStart--;
        }
        for (int i = lineStart; i < keyStart; i++) {
            char c = value.charAt(i);
            if (!isBlank(c) && c != '-') {
                return -1;
            }
        }
        int keyIndent = keyStart - lineStart;
        int end = -1;
        int line = lineAfter(value, from);
        while (line < value.length()) {
            int text = skipBlanks(value, line);
            if (text - line <= keyIndent || text == value.length() || isLineBreak(value.charAt(text))) {
                break;
            }
            end = text;
            while (end < value.length() && !isLineBreak(value.charAt(end))) {
                end++;
            }
            line = lineAfter(value, end);
        }
        return end < 0 ? -1 : end;
    }

    /** The start of the line after the one {@code from} is on (past its line break); the string's length at its end. */
    private static int lineAfter(String value, int from) {
        int i = from;
        while (i < value.length() && !isLineBreak(value.charAt(i))) {
            i++;
        }
        if (i < value.length() && value.charAt(i) == '\r') {
            i++;
        }
        if (i < value.length() && value.charAt(i) == '\n') {
            i++;
        }
        return i;
    }

    private static int skipBlanks(String value, int from) {
        int i = from;
        while (i < value.length() && isBlank(value.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\u00a0';
    }

    /** A quote escaped with a backslash opens the value: JSON held in a JSON string. */
    private static boolean isEscapedQuote(String value, int i) {
        return value.charAt(i) == '\\' && i + 1 < value.length() && isQuote(value.charAt(i + 1));
    }

    private static int valueEnd(String value, int start) {
        char first = value.charAt(start);
        if (isQuote(first)) {
            return closingQuote(value, start + 1, first);
        }
        if (isEscapedQuote(value, start)) {
            return escapedClosingQuote(value, start + 2, value.charAt(start + 1));
        }
        if (first == '{' || first == '[') {
            return closingBracket(value, start);
        }
        int end = tokenEnd(value, start);
        int credentials = skipBlanks(value, end);
        if (isAuthScheme(value, start, end) && credentials > end && credentials < value.length()) {
            int credentialsEnd = tokenEnd(value, credentials);
            if (credentialsEnd > credentials) {
                return credentialsEnd;
            }
        }
        return end;
    }

    /** Whether the value at {@code start} is neither quoted nor a JSON container. */
    private static boolean isBare(String value, int start) {
        char first = value.charAt(start);
        return !isQuote(first) && !isEscapedQuote(value, start) && first != '{' && first != '[';
    }

    /** Whether the name at {@code keyStart} opens an object's text or follows a comma in it: {@code Name(password=}, {@code , password=}. */
    private static boolean isMember(String value, int keyStart) {
        int i = keyStart;
        while (i > 0 && isBlank(value.charAt(i - 1))) {
            i--;
        }
        if (i == 0) {
            return false;
        }
        char before = value.charAt(i - 1);
        return before == ',' || before == '(' || before == '[' || before == '{';
    }

    /**
     * Inside an object's text (a record's, a Lombok class's or a map's {@code toString()}:
     * {@code User(name=ann, password=correct horse, age=3)}), a member's value runs to the next
     * {@code ", name="} or to the bracket that closes the object, so a password with a blank or a
     * comma is masked whole. Text that is not one object on one line keeps {@code tokenEnd}.
     */
    private static int memberValueEnd(String value, int keyStart, int start, int tokenEnd) {
        char close = enclosingClose(value, keyStart);
        if (close == 0) {
            return tokenEnd;
        }
        int depth = 0;
        int skipped = -1; // the first closing bracket taken as the value's own (hun]ter2), should nothing later end it
        for (int i = start; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\n' || c == '\r') {
                return skipped >= 0 ? skipped : tokenEnd;
            } else if (skipped >= 0 && (c == ' ' || c == '\t')) {
                return skipped; // free text after the object (x]abc and more): the bracket ended it
            } else if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                if (depth > 0) {
                    depth--;
                } else if (endsObject(value, i + 1)) {
                    return c == close ? Math.max(i, tokenEnd) : tokenEnd;
                } else if (c == close && skipped < 0) {
                    skipped = i;
                }
            } else if (c == ',' && depth == 0 && startsMember(value, i + 1)) {
                return Math.max(i, tokenEnd);
            }
        }
        return skipped >= 0 ? skipped : tokenEnd; // never closed: not an object's text
    }

    /**
     * Whether a closing bracket ending at {@code after} can end an object's text: the text ends there,
     * or a blank, another bracket or punctuation follows; a letter or digit would be the value's own.
     */
    private static boolean endsObject(String value, int after) {
        if (after == value.length()) {
            return true;
        }
        char next = value.charAt(after);
        return !Character.isLetterOrDigit(next) && next != '_' && next != '-' && next != '@' && next != '#'
                && next != '$' && next != '%' && next != '&' && next != '*' && next != '+' && next != '=';
    }

    /** The bracket that closes the one left open before {@code keyStart} on its line; 0 when there is none. */
    private static char enclosingClose(String value, int keyStart) {
        int depth = 0;
        for (int i = keyStart - 1; i >= 0; i--) {
            char c = value.charAt(i);
            if (c == '\n' || c == '\r') {
                return 0;
            } else if (c == ')' || c == ']' || c == '}') {
                depth++;
            } else if (c == '(' || c == '[' || c == '{') {
                if (depth == 0) {
                    return c == '(' ? ')' : c == '[' ? ']' : '}';
                }
                depth--;
            }
        }
        return 0;
    }

    /** Whether {@code " name="} follows: the next member of an object's text (members are separated by a comma and a blank). */
    private static boolean startsMember(String value, int from) {
        int nameStart = skipBlanks(value, from);
        if (nameStart == from) {
            return false;
        }
        int i = nameStart;
        while (i < value.length() && isKeyChar(value.charAt(i))) {
            i++;
        }
        return i > nameStart && i < value.length() && value.charAt(i) == '=';
    }

    /** Masks {@code [start, end)}: inside the quotes of a quoted value, a JSON container as {@code "***"}. */
    private static MaskBuilder mask(String value, int start, int end, MaskBuilder masked) {
        if (end <= start) {
            return masked;
        }
        MaskBuilder out = masked == null ? new MaskBuilder(value) : masked;
        char first = value.charAt(start);
        if (isQuote(first)) {
            int innerEnd = end > start + 1 && value.charAt(end - 1) == first ? end - 1 : end;
            return innerEnd > start + 1 ? out.mask(start + 1, innerEnd) : masked;
        }
        if (isEscapedQuote(value, start)) {
            int innerEnd = end > start + 3 && value.charAt(end - 2) == '\\' ? end - 2 : end;
            return innerEnd > start + 2 ? out.mask(start + 2, innerEnd) : masked;
        }
        if ((first == '{' || first == '[') && start > 0 && value.charAt(start - 1) == '='
                && end - start >= 2 && value.charAt(end - 1) == (first == '{' ? '}' : ']')) {
            // a map's text, {password=[hunter2]}: its brackets stay, and an empty one hides nothing
            return end - start == 2 ? masked : out.mask(start + 1, end - 1);
        }
        if (first == '{' || first == '[') {
            return out.replace(start, end, QUOTED_MASK);
        }
        return out.mask(start, end);
    }

    /**
     * The end of a string of JSON held in a JSON string: the quote preceded by one backslash, or by
     * 1 + 4n (an escaped backslash of the inner string is four of them, an escaped quote three).
     */
    private static int escapedClosingQuote(String value, int from, char quote) {
        for (int i = from; i < value.length(); i++) {
            if (value.charAt(i) == quote) {
                int backslashes = 0;
                while (i - backslashes - 1 >= from && value.charAt(i - backslashes - 1) == '\\') {
                    backslashes++;
                }
                if (backslashes % 4 == 1) {
                    return i + 1;
                }
            }
        }
        return value.length();
    }

    private static int closingQuote(String value, int from, char quote) {
        for (int i = from; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == quote) {
                return i + 1;
            }
        }
        return value.length();
    }

    private static int closingBracket(String value, int start) {
        int depth = 0;
        for (int i = start; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"') {
                i = closingQuote(value, i + 1, '"') - 1;
            } else if (c == '{' || c == '[') {
                depth++;
            } else if ((c == '}' || c == ']') && --depth == 0) {
                return i + 1;
            }
        }
        return value.length();
    }

    private static int tokenEnd(String value, int start) {
        int end = start;
        while (end < value.length() && !endsToken(value.charAt(end))) {
            end++;
        }
        return end;
    }

    private static boolean isAuthScheme(String value, int start, int end) {
        for (String scheme : AUTH_SCHEMES) {
            if (end - start == scheme.length() && value.regionMatches(true, start, scheme, 0, scheme.length())) {
                return true;
            }
        }
        return false;
    }

    private static boolean endsToken(char c) {
        return Character.isWhitespace(c) || c == '&' || c == ',' || c == ';' || c == '"' || c == '\''
                || c == ')' || c == ']' || c == '}' || c == '<' || c == '>' || c == '#';
    }

    /**
     * A name's characters; with the invisible ones (controls other than blanks and line breaks, and
     * format characters such as a zero-width space or a soft hyphen), so that {@code pass}, a NUL and
     * {@code word=} are read as the name a reader sees, {@code password}, as a field's key is.
     */
    private static boolean isKeyChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.'
                || Character.getType(c) == Character.FORMAT || Character.isISOControl(c) && !Character.isWhitespace(c);
    }

    private static boolean isQuote(char c) {
        return c == '"' || c == '\'';
    }
}
