package dev.scafctl.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.scafctl.catalog.oci.Descriptor;
import dev.scafctl.catalog.oci.Digest;
import dev.scafctl.catalog.remote.TransferListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class LogProgressTest {

    private static final long MIB = 1L << 20;

    private final List<String> lines = new ArrayList<>();
    private long now;
    private final LogProgress progress = new LogProgress(lines::add, "Uploading", () -> now);

    @Test
    void aLargeTransferGetsALineEveryFewSecondsAndOneAtTheEndButNoneAtTheStart() {
        Descriptor blob = blob(64 * MIB);

        progress.progress(blob, 0);
        at(Duration.ofSeconds(1));
        progress.progress(blob, 8 * MIB);
        at(Duration.ofMillis(3100));
        progress.progress(blob, 12 * MIB);
        at(Duration.ofMillis(3200));
        progress.progress(blob, 13 * MIB);
        progress.progress(blob, 64 * MIB);

        String digest = blob.digest().toString().substring(0, 19);
        assertEquals(List.of("Uploading " + digest + " 12.0 MiB / 64.0 MiB", "Uploading " + digest + " 64.0 MiB / 64.0 MiB"),
                lines);
    }

    @Test
    void aBlobForAPlatformIsNamedByItsPlatform() {
        Descriptor blob = blob(2 * MIB);
        TransferListener linux = progress.about("linux/amd64");

        linux.progress(blob, 0);
        at(Duration.ofSeconds(4));
        linux.progress(blob, MIB);
        linux.progress(blob, 2 * MIB);

        assertEquals(List.of("Uploading linux/amd64 1.0 MiB / 2.0 MiB", "Uploading linux/amd64 2.0 MiB / 2.0 MiB"), lines);
    }

    @Test
    void aSmallBlobPassesSilently() {
        Descriptor blob = blob(MIB - 1);

        progress.progress(blob, 0);
        at(Duration.ofSeconds(10));
        progress.progress(blob, MIB - 1);

        assertEquals(List.of(), lines);
    }

    private void at(Duration time) {
        now = time.toNanos();
    }

    private static Descriptor blob(long size) {
        return new Descriptor("application/octet-stream", Digest.of(new byte[] {(byte) size}), size, new TreeMap<>(), null);
    }
}
