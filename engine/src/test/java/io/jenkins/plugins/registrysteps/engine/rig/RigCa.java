package io.jenkins.plugins.registrysteps.engine.rig;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** The rig's test certificate authority, made at first use: every TLS server of one rig has a certificate from it. */
final class RigCa {

    private final CertifiedKey authority;
    private final Path certificate;

    private RigCa(CertifiedKey authority, Path certificate) {
        this.authority = authority;
        this.certificate = certificate;
    }

    static RigCa create(Path dir) {
        CertifiedKey authority = CertifiedKey.authority("registry-steps rig CA");
        return new RigCa(authority, authority.writeCertificate(dir.resolve("ca.crt")));
    }

    /** The CA certificate as PEM, the one file a client needs to trust the rig's servers. */
    Path certificate() {
        return certificate;
    }

    /** A new key and certificate for 127.0.0.1 and localhost. */
    CertifiedKey issueServerCertificate(String name) {
        return authority.issueServerCertificate(name);
    }

    /** A client context that trusts this CA only. */
    SSLContext clientContext() {
        try {
            KeyStore trusted = emptyKeyStore();
            trusted.setCertificateEntry("rig-ca", authority.certificate());
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot make a client TLS context for the rig CA", e);
        }
    }

    /** A server context presenting {@code server}, whose certificate this CA issued. */
    SSLContext serverContext(CertifiedKey server) {
        try {
            char[] password = "rig".toCharArray(); // the key store lives in memory only; a password is mandatory
            KeyStore keys = emptyKeyStore();
            keys.setKeyEntry("server", server.keys().getPrivate(), password,
                    new Certificate[] {server.certificate(), authority.certificate()});
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(keys, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot make a server TLS context", e);
        }
    }

    private static KeyStore emptyKeyStore() throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        return store;
    }
}
