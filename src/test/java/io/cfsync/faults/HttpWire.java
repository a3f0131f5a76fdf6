package io.cfsync.faults;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Just enough HTTP/1.1 for a test vendor on a raw socket: reads one request (Content-Length or chunked body) and
 * writes one keep-alive answer. A raw socket, rather than an HTTP server library, is what lets the vendor drop a
 * connection before reading a request or reset it after reading one. Stateless and thread-safe.
 */
final class HttpWire {
    /** One request as read off the wire. {@code authorization} may be null. */
    record Request(String method, String path, String authorization, String body) {
    }

    private static final int MAX_HEAD = 64 * 1024;
    private static final int MAX_BODY = 4 * 1024 * 1024;

    private HttpWire() {
    }

    /** Reads a request whose first byte was already read; throws EOFException when the peer closed mid-way. */
    static Request read(int firstByte, InputStream in) throws IOException {
        String head = readHead(firstByte, in);
        String[] lines = head.split("\r\n");
        String[] start = lines[0].split(" ");
        if (start.length < 2) {
            throw new IOException("not an HTTP request line: " + lines[0]);
        }
        long length = 0;
        boolean chunked = false;
        String auth = null;
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = lines[i].substring(colon + 1).trim();
            if (name.equals("content-length")) {
                length = Long.parseLong(value);
            } else if (name.equals("transfer-encoding") && value.toLowerCase(Locale.ROOT).contains("chunked")) {
                chunked = true;
            } else if (name.equals("authorization")) {
                auth = value;
            }
        }
        byte[] body = chunked ? readChunked(in) : readExactly(in, length);
        return new Request(start[0], start[1], auth, new String(body, StandardCharsets.UTF_8));
    }

    /** Writes a complete answer with a small JSON body; the connection stays open for the next request. */
    static void answer(OutputStream out, int status, String extraHeader, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 " + status + " " + reason(status) + "\r\nContent-Type: application/json\r\n"
                + (extraHeader == null ? "" : extraHeader + "\r\n") + "Content-Length: " + body.length + "\r\n\r\n";
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 207 -> "Multi-Status";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 429 -> "Too Many Requests";
            case 503 -> "Service Unavailable";
            default -> "Status";
        };
    }

    private static String readHead(int firstByte, InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream(512);
        b.write(firstByte);
        int matched = 0;
        while (matched < 4) {
            int c = in.read();
            if (c < 0) {
                throw new EOFException("peer closed inside the request head");
            }
            b.write(c);
            matched = (c == '\r' && (matched == 0 || matched == 2)) || (c == '\n' && (matched == 1 || matched == 3))
                    ? matched + 1 : (c == '\r' ? 1 : 0);
            if (b.size() > MAX_HEAD) {
                throw new IOException("request head too long");
            }
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }

    private static byte[] readExactly(InputStream in, long length) throws IOException {
        if (length > MAX_BODY) {
            throw new IOException("request body too long: " + length);
        }
        byte[] out = in.readNBytes((int) length);
        if (out.length < length) {
            throw new EOFException("peer closed inside the request body");
        }
        return out;
    }

    private static byte[] readChunked(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String size = readLine(in);
            int semi = size.indexOf(';');
            long n = Long.parseLong((semi < 0 ? size : size.substring(0, semi)).trim(), 16);
            if (n == 0) {
                while (!readLine(in).isEmpty()) {
                    // trailers: ignored
                }
                return body.toByteArray();
            }
            body.write(readExactly(in, n));
            readLine(in);
            if (body.size() > MAX_BODY) {
                throw new IOException("request body too long");
            }
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new EOFException("peer closed inside a chunk");
            }
            if (c != '\r') {
                b.append((char) c);
            }
        }
        return b.toString();
    }
}
