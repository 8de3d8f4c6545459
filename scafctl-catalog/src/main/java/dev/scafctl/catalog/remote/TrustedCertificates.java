package dev.scafctl.catalog.remote;

import dev.scafctl.catalog.CatalogException;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The TLS trust of one registry: the JDK's roots, plus a CA file when the catalog names one (added to the roots,
 * never replacing them), or nothing at all when the catalog is explicitly marked insecure.
 */
final class TrustedCertificates {

    private TrustedCertificates() {}

    static SSLContext sslContextFor(Registry registry) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            if (registry.insecure()) {
                context.init(null, new TrustManager[] {new TrustEverything()}, null);
            } else {
                X509ExtendedTrustManager trust = registry.caFile() == null ? defaultTrust(null)
                        : new FirstThatTrusts(List.of(defaultTrust(null), defaultTrust(loadCa(registry))));
                context.init(null, new TrustManager[] {new Naming(trust)}, null);
            }
            return context;
        } catch (GeneralSecurityException e) {
            throw new CatalogException("cannot set up TLS for registry " + registry + ": " + e.getMessage(), e);
        }
    }

    private static KeyStore loadCa(Registry registry) throws GeneralSecurityException {
        try (InputStream in = Files.newInputStream(registry.caFile())) {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int index = 0;
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                store.setCertificateEntry("ca-" + index++, certificate);
            }
            if (index == 0) {
                throw new CatalogException("CA file " + registry.caFile() + " holds no certificate");
            }
            return store;
        } catch (CertificateException e) {
            throw new CatalogException("CA file " + registry.caFile() + " of registry " + registry + " is not a PEM"
                    + " X.509 certificate (" + e.getMessage() + "); point caFile at the registry's CA certificate in PEM"
                    + " (-----BEGIN CERTIFICATE-----)", e);
        } catch (IOException e) {
            throw new CatalogException("cannot read CA file " + registry.caFile() + " of registry " + registry + ": "
                    + e.getMessage(), e);
        }
    }

    private static X509ExtendedTrustManager defaultTrust(KeyStore store) throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509ExtendedTrustManager extended) {
                return extended;
            }
        }
        throw new GeneralSecurityException("no X.509 trust manager available");
    }

    /** Trusts a server when any of its managers does; each still checks the host name. */
    private static final class FirstThatTrusts extends X509ExtendedTrustManager {
        private final List<X509ExtendedTrustManager> managers;

        FirstThatTrusts(List<X509ExtendedTrustManager> managers) {
            this.managers = managers;
        }

        private interface Check {
            void run(X509ExtendedTrustManager manager) throws CertificateException;
        }

        /**
         * Passes when one manager trusts; otherwise throws the most telling refusal: that of a manager which knew the
         * issuer but refused something else (the host name), rather than another's "PKIX path building failed".
         */
        private void any(Check check) throws CertificateException {
            CertificateException telling = null;
            for (X509ExtendedTrustManager manager : managers) {
                try {
                    check.run(manager);
                    return;
                } catch (CertificateException e) {
                    if (telling == null || isUnknownIssuer(telling) && !isUnknownIssuer(e)) {
                        telling = e;
                    }
                }
            }
            throw telling;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            any(m -> m.checkServerTrusted(chain, authType, engine));
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            any(m -> m.checkServerTrusted(chain, authType, socket));
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            any(m -> m.checkServerTrusted(chain, authType));
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            any(m -> m.checkClientTrusted(chain, authType, engine));
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            any(m -> m.checkClientTrusted(chain, authType, socket));
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            any(m -> m.checkClientTrusted(chain, authType));
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            List<X509Certificate> all = new ArrayList<>();
            managers.forEach(m -> all.addAll(List.of(m.getAcceptedIssuers())));
            return all.toArray(X509Certificate[]::new);
        }
    }

    private static boolean isUnknownIssuer(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CertPathBuilderException || t instanceof CertPathValidatorException
                    || String.valueOf(t.getMessage()).startsWith("PKIX path")) {
                return true;
            }
        }
        return false;
    }

    /** The certificate's subject, names and issuer, for a message that says which certificate was refused. */
    static String describe(X509Certificate certificate) {
        List<String> names = new ArrayList<>();
        try {
            if (certificate.getSubjectAlternativeNames() != null) {
                certificate.getSubjectAlternativeNames().forEach(name -> names.add(String.valueOf(name.get(1))));
            }
        } catch (CertificateParsingException e) {
            names.add("(unreadable names)");
        }
        return "certificate " + certificate.getSubjectX500Principal().getName() + " (names: "
                + (names.isEmpty() ? "none" : String.join(", ", names)) + "; issued by "
                + certificate.getIssuerX500Principal().getName() + ")";
    }

    /** Says which certificate was refused, keeping the refusal as the cause. */
    private static final class Naming extends X509ExtendedTrustManager {
        private final X509ExtendedTrustManager trust;

        Naming(X509ExtendedTrustManager trust) {
            this.trust = trust;
        }

        private interface Check {
            void run() throws CertificateException;
        }

        private static void named(X509Certificate[] chain, Check check) throws CertificateException {
            try {
                check.run();
            } catch (CertificateException e) {
                String subject = chain == null || chain.length == 0 ? "an empty certificate chain" : describe(chain[0]);
                throw new CertificateException(subject + ": " + e.getMessage(), e);
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            named(chain, () -> trust.checkServerTrusted(chain, authType, engine));
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            named(chain, () -> trust.checkServerTrusted(chain, authType, socket));
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            named(chain, () -> trust.checkServerTrusted(chain, authType));
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            trust.checkClientTrusted(chain, authType, engine);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            trust.checkClientTrusted(chain, authType, socket);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            trust.checkClientTrusted(chain, authType);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return trust.getAcceptedIssuers();
        }
    }

    /** For registries the user marked insecure: no certificate or host name check at all. */
    private static final class TrustEverything extends X509ExtendedTrustManager {
        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) { }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) { }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) { }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) { }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) { }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) { }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
