package io.cfsync.send;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A {@code NO_PROXY} list read as curl reads it: entries separated by commas (and spaces); {@code *} as the whole
 * list exempts every host (within a list it means nothing); a name exempts itself and every host below it ({@code example.com} and {@code .example.com}
 * both exempt {@code api.example.com} and {@code example.com}); {@code host:port} exempts that port only; an IP
 * literal (IPv6 with or without brackets) exempts that address, and {@code address/bits} a whole range. Names are
 * never resolved: an entry matches what the URL says. Immutable and thread-safe.
 */
final class NoProxy {
    private record Entry(String host, int port, byte[] network, int bits) {
    }

    static final NoProxy NONE = new NoProxy(List.of(), false);

    private final List<Entry> entries;
    private final boolean all;

    private NoProxy(List<Entry> entries, boolean all) {
        this.entries = entries;
        this.all = all;
    }

    /** The list in {@code value} (null or blank: no exemptions). */
    static NoProxy parse(String value) {
        if (value == null || value.isBlank()) {
            return NONE;
        }
        if (value.trim().equals("*")) {
            return new NoProxy(List.of(), true);
        }
        List<Entry> list = new ArrayList<>();
        for (String raw : value.split("[,\\s]+")) {
            String e = raw.trim().toLowerCase(Locale.ROOT);
            if (!e.isEmpty() && !e.equals("*")) { // as curl: * exempts everything only when it is the whole list
                list.add(entry(e));
            }
        }
        return new NoProxy(List.copyOf(list), false);
    }

    private static Entry entry(String e) {
        int slash = e.indexOf('/');
        if (slash > 0) {
            byte[] net = literal(strip(e.substring(0, slash)));
            Integer bits = bits(e.substring(slash + 1));
            if (net != null && bits != null && bits <= net.length * 8) {
                return new Entry(null, -1, net, bits);
            }
        }
        String host = e;
        int port = -1;
        int colon = e.lastIndexOf(':');
        boolean bracketed = e.startsWith("[");
        if (colon > 0 && (bracketed ? e.indexOf(']') < colon : e.indexOf(':') == colon)) {
            Integer p = bits(e.substring(colon + 1));
            if (p != null) {
                host = e.substring(0, colon);
                port = p;
            }
        }
        host = strip(host);
        while (host.startsWith(".")) {
            host = host.substring(1);
        }
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        byte[] ip = literal(host);
        return new Entry(host, port, ip, ip == null ? 0 : ip.length * 8);
    }

    /** Whether a request to {@code host} on {@code port} goes direct. */
    boolean exempts(String host, int port) {
        if (all) {
            return true;
        }
        String h = strip(host.toLowerCase(Locale.ROOT));
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        byte[] ip = literal(h);
        for (Entry e : entries) {
            if (e.port() >= 0 && e.port() != port) {
                continue;
            }
            if (e.network() != null) {
                if (ip != null && inRange(ip, e.network(), e.bits())) {
                    return true;
                }
            } else if (ip == null && (h.equals(e.host()) || h.endsWith("." + e.host()))) {
                return true;
            }
        }
        return false;
    }

    private static boolean inRange(byte[] ip, byte[] net, int bits) {
        if (ip.length != net.length) {
            return false;
        }
        for (int i = 0; i < bits; i++) {
            int mask = 0x80 >>> (i % 8);
            if ((ip[i / 8] & mask) != (net[i / 8] & mask)) {
                return false;
            }
        }
        return true;
    }

    private static String strip(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private static Integer bits(String s) {
        return s.matches("\\d{1,5}") ? Integer.valueOf(s) : null;
    }

    /** The address an IP literal spells, or null for a name; never a lookup. */
    static byte[] literal(String host) {
        boolean v4 = host.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        boolean v6 = host.indexOf(':') >= 0 && host.matches("[0-9a-f:.]+");
        if (!v4 && !v6) {
            return null;
        }
        if (v4) {
            byte[] b = new byte[4];
            String[] parts = host.split("\\.");
            for (int i = 0; i < 4; i++) {
                int n = Integer.parseInt(parts[i]);
                if (n > 255) {
                    return null;
                }
                b[i] = (byte) n;
            }
            return b;
        }
        try {
            return InetAddress.getByName(host).getAddress(); // a literal: parsed, not resolved
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
