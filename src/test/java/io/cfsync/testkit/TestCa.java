package io.cfsync.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A private certificate authority made with {@code openssl} for a test: its PEM certificate, and a PKCS#12 key store
 * (password {@link #PASSWORD}) holding a server certificate it signed for 127.0.0.1 and localhost.
 */
public record TestCa(Path caPem, Path serverKeyStore, String name) {
    public static final String PASSWORD = "changeit";

    /** Makes the CA named {@code CN=name} and its server certificate in {@code dir}. */
    public static TestCa create(Path dir, String name) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("san.ext"), "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
        run(dir, "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem",
                "-days", "2", "-subj", "/CN=" + name);
        run(dir, "openssl", "req", "-newkey", "rsa:2048", "-nodes", "-keyout", "srv.key", "-out", "srv.csr",
                "-subj", "/CN=localhost");
        run(dir, "openssl", "x509", "-req", "-in", "srv.csr", "-CA", "ca.pem", "-CAkey", "ca.key",
                "-CAcreateserial", "-out", "srv.pem", "-days", "2", "-extfile", "san.ext");
        run(dir, "openssl", "pkcs12", "-export", "-in", "srv.pem", "-inkey", "srv.key", "-out", "srv.p12",
                "-passout", "pass:" + PASSWORD);
        return new TestCa(dir.resolve("ca.pem"), dir.resolve("srv.p12"), name);
    }

    private static void run(Path dir, String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(List.of(cmd)).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("openssl.out").toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", cmd) + " failed: " + Files.readString(dir.resolve("openssl.out")));
        }
    }
}
