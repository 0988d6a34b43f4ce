package io.jenkins.plugins.registrysteps.engine.registry;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/** The system trust store plus extra CA bundles (PEM), as a registry with a private CA needs. */
final class TrustedCertificates {

    private TrustedCertificates() {
    }

    static SSLContext context(List<Path> extraBundles) throws IOException {
        try {
            if (extraBundles.isEmpty()) {
                return SSLContext.getDefault();
            }
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int n = 0;
            for (X509Certificate certificate : systemCertificates()) {
                store.setCertificateEntry("system-" + n++, certificate);
            }
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (Path bundle : extraBundles) {
                try (InputStream in = Files.newInputStream(bundle)) {
                    for (Certificate certificate : factory.generateCertificates(in)) {
                        store.setCertificateEntry("extra-" + n++, certificate);
                    }
                }
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot read the CA certificates " + extraBundles + ": " + e.getMessage(), e);
        }
    }

    private static List<X509Certificate> systemCertificates() throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init((KeyStore) null);
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                return List.of(x509.getAcceptedIssuers());
            }
        }
        return List.of();
    }
}
