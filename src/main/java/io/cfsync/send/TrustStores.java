package io.cfsync.send;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The TLS trust of every connection: the JDK's default trust store, plus the certificates of the {@code --ca-file}
 * bundles (PEM), never instead of it. There is no way to turn verification off. A certificate that is not trusted
 * fails with {@link Untrusted}, which names its issuer so people know which CA to add. Stateless.
 */
public final class TrustStores {
    /** A server certificate no trusted CA signed. */
    static final class Untrusted extends CertificateException {
        private final String issuer;

        Untrusted(String issuer, Throwable cause) {
            super("the certificate is not trusted: issued by " + issuer, cause);
            this.issuer = issuer;
        }

        public String issuer() {
            return issuer;
        }
    }

    private TrustStores() {
    }

    /**
     * The certificates in the PEM bundle {@code file}.
     *
     * @throws IllegalArgumentException when it cannot be read or holds no certificate, in words naming the file
     */
    public static List<X509Certificate> read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            Collection<? extends Certificate> all = CertificateFactory.getInstance("X.509").generateCertificates(in);
            List<X509Certificate> out = new ArrayList<>();
            for (Certificate c : all) {
                out.add((X509Certificate) c);
            }
            if (out.isEmpty()) {
                throw new IllegalArgumentException("CA file " + file + " holds no certificate (PEM expected)");
            }
            return out;
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read CA file " + file + ": "
                    + io.cfsync.report.PlainWords.of(e.getMessage()));
        } catch (CertificateException e) {
            throw new IllegalArgumentException("CA file " + file + " is not a PEM certificate bundle");
        }
    }

    /** A TLS context trusting the default CAs and those in {@code caFiles}. */
    public static SSLContext context(List<Path> caFiles) {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {trustManager(caFiles)}, null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    /** A trust manager trusting the default CAs and those in {@code caFiles}, naming the issuer it refuses. */
    public static X509ExtendedTrustManager trustManager(List<Path> caFiles) {
        try {
            TrustManagerFactory defaults = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            defaults.init((KeyStore) null);
            X509ExtendedTrustManager base = x509(defaults.getTrustManagers());
            if (caFiles.isEmpty()) {
                return new Naming(base);
            }
            KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
            ks.load(null, null);
            int i = 0;
            for (X509Certificate c : base.getAcceptedIssuers()) {
                ks.setCertificateEntry("default-" + i++, c);
            }
            for (Path f : caFiles) {
                for (X509Certificate c : read(f)) {
                    ks.setCertificateEntry("added-" + i++, c);
                }
            }
            TrustManagerFactory merged = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            merged.init(ks);
            return new Naming(x509(merged.getTrustManagers()));
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    private static X509ExtendedTrustManager x509(TrustManager[] tms) {
        for (TrustManager t : tms) {
            if (t instanceof X509ExtendedTrustManager x) {
                return x;
            }
        }
        throw new IllegalStateException("the JDK offers no X.509 trust manager");
    }

    /** The trust manager, with the issuer named when it refuses a server's chain. Client checks never happen. */
    private static final class Naming extends X509ExtendedTrustManager {
        private final X509ExtendedTrustManager d;

        Naming(X509ExtendedTrustManager d) {
            this.d = d;
        }

        private static Untrusted untrusted(X509Certificate[] chain, CertificateException e) {
            X509Certificate top = chain == null || chain.length == 0 ? null : chain[chain.length - 1];
            return new Untrusted(top == null ? "an unknown issuer" : top.getIssuerX500Principal().getName(), e);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String auth, Socket s) throws CertificateException {
            try {
                d.checkServerTrusted(chain, auth, s);
            } catch (CertificateException e) {
                throw untrusted(chain, e);
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String auth, SSLEngine e) throws CertificateException {
            try {
                d.checkServerTrusted(chain, auth, e);
            } catch (CertificateException x) {
                throw untrusted(chain, x);
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String auth) throws CertificateException {
            try {
                d.checkServerTrusted(chain, auth);
            } catch (CertificateException e) {
                throw untrusted(chain, e);
            }
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String auth, Socket s) throws CertificateException {
            d.checkClientTrusted(chain, auth, s);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String auth, SSLEngine e) throws CertificateException {
            d.checkClientTrusted(chain, auth, e);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String auth) throws CertificateException {
            d.checkClientTrusted(chain, auth);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return d.getAcceptedIssuers();
        }
    }
}
