package dev.scafctl.catalog.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

@ResourceLock(Resources.SYSTEM_PROPERTIES)
class ReadBufferPropertyTest {

    private String before;

    @BeforeEach
    void remember() {
        before = System.getProperty(RegistryTransport.READ_BUFFER_PROPERTY);
    }

    @AfterEach
    void restore() {
        if (before == null) {
            System.clearProperty(RegistryTransport.READ_BUFFER_PROPERTY);
        } else {
            System.setProperty(RegistryTransport.READ_BUFFER_PROPERTY, before);
        }
    }

    @Test
    void unsetTheJdkClientIsAskedFor256KiBReadBuffers() {
        System.clearProperty(RegistryTransport.READ_BUFFER_PROPERTY);
        RegistryTransport.preferLargeReadBuffers();
        assertEquals("262144", System.getProperty("jdk.httpclient.bufsize"));
    }

    @Test
    void aSizeTheUserSetIsKept() {
        System.setProperty(RegistryTransport.READ_BUFFER_PROPERTY, "32768");
        RegistryTransport.preferLargeReadBuffers();
        assertEquals("32768", System.getProperty("jdk.httpclient.bufsize"));
    }
}
