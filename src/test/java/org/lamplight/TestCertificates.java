package org.lamplight;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** A self-signed certificate for localhost made by openssl, and a client TLS context trusting only it. */
public record TestCertificates(Path cert, Path key) {

  public static TestCertificates selfSigned() throws Exception {
    Path dir = Files.createTempDirectory("lamplight-tls");
    Path cert = dir.resolve("cert.pem");
    Path key = dir.resolve("key.pem");
    Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
        "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost", "-keyout", key.toString(), "-out",
        cert.toString()).redirectErrorStream(true).start();
    openssl.getInputStream().readAllBytes();
    if (openssl.waitFor() != 0) {
      throw new IllegalStateException("openssl failed");
    }
    return new TestCertificates(cert, key);
  }

  /** A TLS context that trusts this certificate and nothing else. */
  public SSLContext trustingIt() throws Exception {
    KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
    trust.load(null, null);
    try (var in = Files.newInputStream(cert)) {
      trust.setCertificateEntry("lamplight", (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext ssl = SSLContext.getInstance("TLS");
    ssl.init(null, tmf.getTrustManagers(), null);
    return ssl;
  }
}
