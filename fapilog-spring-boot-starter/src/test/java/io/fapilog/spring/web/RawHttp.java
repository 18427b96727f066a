package io.fapilog.spring.web;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Sends requests as raw bytes: header values no HTTP client library would send (line breaks), and
 * clients that leave mid-response or mid-upload. Test support.
 */
public final class RawHttp {

    /** A response: its status and its headers (names in lower case). */
    public record Response(int status, Map<String, String> headers) {

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private RawHttp() {
    }

    /**
     * Sends a GET, reads {@code bytes} of the response and resets the connection (an abortive close,
     * as a browser tab closed on a stream): a client that goes away mid-response.
     */
    public static void getAndLeave(int port, String path, String rawHeaders, int bytes) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n" + rawHeaders + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            socket.getInputStream().readNBytes(bytes);
            socket.setSoLinger(true, 0);
        }
    }

    /**
     * Sends a POST announcing {@code announced} body bytes, sends {@code sent} of them and resets the
     * connection: a client that aborts its upload.
     */
    public static void postAndLeave(int port, String path, String rawHeaders, int announced, int sent) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\n" + rawHeaders + "Content-Length: " + announced
                    + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write(new byte[sent]);
            out.flush();
            socket.setSoLinger(true, 0);
        }
    }

    /** Sends a GET and resets the connection after {@code wait}, having read nothing: a client that gives up first. */
    public static void getAndGiveUp(int port, String path, String rawHeaders, java.time.Duration wait) throws IOException, InterruptedException {
        try (Socket socket = new Socket("localhost", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n" + rawHeaders + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            Thread.sleep(wait.toMillis()); // the request is in the server's hands: what matters is that the answer comes later
            socket.setSoLinger(true, 0);
        }
    }

    /** {@code rawHeaders}: header lines, each ending in CR LF, sent exactly as given. */
    public static Response get(int port, String path, String rawHeaders) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n" + rawHeaders + "Connection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            String[] lines = response.split("\r\n");
            int status = Integer.parseInt(lines[0].split(" ")[1]);
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length && !lines[i].isEmpty(); i++) {
                int colon = lines[i].indexOf(':');
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
            }
            return new Response(status, headers);
        }
    }
}
