package io.cfsync.send;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.concurrent.CancellationException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.core5.http.ConnectionClosedException;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.ProtocolException;

/**
 * Says in words what kind of transport failure happened, for people (the library's message, without class names,
 * comes from {@link io.cfsync.report.PlainWords}). Stateless.
 */
final class TransportWords {
    private TransportWords() {
    }

    static String of(Throwable t) {
        if (t instanceof Transport.Abandoned) {
            return "abandoned at the stop";
        } else if (t instanceof ProxyRefused) {
            return "the proxy refused the connection";
        } else if (untrusted(t) != null) {
            return "the vendor's certificate is not trusted: issued by " + untrusted(t) + "; add your CA with "
                    + "--ca-file";
        } else if (t instanceof ConnectTimeoutException) {
            return "could not connect within --connect-timeout";
        } else if (t instanceof SocketTimeoutException) {
            return "no answer within --timeout";
        } else if (t instanceof UnknownHostException) {
            return "unknown host";
        } else if (t instanceof NoRouteToHostException) {
            return "no route to host";
        } else if (t instanceof ConnectException) {
            return "could not connect";
        } else if (t instanceof SSLHandshakeException) {
            return "TLS handshake failed";
        } else if (t instanceof SSLException) {
            return "TLS error";
        } else if (t instanceof ConnectionClosedException) {
            return "the connection was closed";
        } else if (t instanceof ProtocolException) {
            return "HTTP protocol error";
        } else if (t instanceof SocketException) {
            return "connection error";
        } else if (t instanceof IOException) {
            return "input/output error";
        } else if (t instanceof HttpException) {
            return "HTTP error";
        } else if (t instanceof CancellationException) {
            return "cancelled";
        }
        return "unexpected error";
    }

    /** The issuer of the certificate whose refusal caused {@code t}, or null. */
    static String untrusted(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof TrustStores.Untrusted u) {
                return u.issuer();
            }
        }
        return null;
    }
}
