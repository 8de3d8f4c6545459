package dev.scafctl.maven;

import dev.scafctl.catalog.remote.CatalogDefinition;
import java.io.File;

/**
 * One {@code <catalog>} of the plugin's {@code <catalogs>} configuration:
 * <pre>{@code
 * <catalog>
 *   <name>company</name>
 *   <url>oci://nexus.example.com/scafctl</url>          <!-- pull (a Nexus group) -->
 *   <pushUrl>oci://nexus.example.com:8443/scafctl</pushUrl> <!-- push (a hosted repository), optional -->
 *   <insecure>false</insecure>                          <!-- skip TLS checks, optional -->
 *   <caFile>${user.home}/corp-ca.pem</caFile>           <!-- added to the JDK's roots, optional -->
 * </catalog>
 * }</pre>
 */
public class CatalogParameter {

    /** The catalog's name, used by {@code -Dscafctl.catalog=NAME}. */
    private String name;

    /** Where to pull from: {@code oci://host[:port]/prefix}, {@code https://…} or {@code http://…} (plain HTTP). */
    private String url;

    /** Where to push to, when it differs from {@code url}. */
    private String pushUrl;

    /** Turn off TLS certificate and host name checks for this catalog. */
    private boolean insecure;

    /** A PEM file of CA certificates trusted for this catalog in addition to the JDK's roots. */
    private File caFile;

    CatalogDefinition toDefinition() {
        return new CatalogDefinition(name, url, pushUrl, insecure, caFile == null ? null : caFile.toPath());
    }
}
