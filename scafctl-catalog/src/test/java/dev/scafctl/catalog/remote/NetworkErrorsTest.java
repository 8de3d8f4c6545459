package dev.scafctl.catalog.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scafctl.catalog.CatalogException;
import dev.scafctl.catalog.InvalidInputException;
import dev.scafctl.catalog.artifact.Platform;
import dev.scafctl.catalog.inspect.CatalogListing;
import dev.scafctl.catalog.local.LocalCatalog;
import dev.scafctl.catalog.oci.Digest;
import dev.scafctl.catalog.plugin.BuiltPlugin;
import dev.scafctl.catalog.testing.FaultRelay;
import dev.scafctl.catalog.testing.SharedRegistry;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a failure on the wire says and whether it is retried: only what a retry can mend is retried, a message says
 * what failed where in words (never an exception's class name, never a URL's user-info), and a registry that
 * cannot be reached is never an empty catalog.
 */
class NetworkErrorsTest {

    private static final Platform LINUX = Platform.parseSupported("linux/amd64");

    @RegisterExtension
    static final SharedRegistry shared = new SharedRegistry();

    @TempDir
    Path work;

    private FaultRelay relay;
    private final List<String> debug = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startRelay() {
        relay = new FaultRelay(shared.registry().hostPort());
    }

    @AfterEach
    void stopRelay() {
        relay.close();
    }

    private Function<Registry, RegistryClient> clients() {
        return registry -> new RegistryClient(registry, CredentialSource.anonymous(),
                RemoteFixtures.fastRetries().withDebug(debug::add));
    }

    private List<String> retries() {
        return debug.stream().filter(line -> line.startsWith("retrying")).toList();
    }

    private static void saysNoClassName(String message) {
        assertFalse(message.matches("(?s).*\\b[A-Z][A-Za-z]*(Exception|Error)\\b.*"), "no exception class name: " + message);
    }

    private BuiltPlugin published(String prefix, String name) {
        return RemoteFixtures.published(work, shared.registry().hostPort(), prefix, name, clients());
    }

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Test
    void aDownloadThatBreaksOffIsRetriedAndNotBlamedOnTheCatalog() throws Exception {
        BuiltPlugin built = published("broken", "cut");
        Digest binary = built.platforms().get(0).binary().digest();
        int half = (int) built.platforms().get(0).binary().size() / 2;
        String blobGet = "GET /v2/broken/providers/cut/blobs/" + binary;
        AtomicInteger breaks = new AtomicInteger(1);
        relay.rule(request -> request.equals(blobGet) && breaks.getAndDecrement() > 0
                ? new FaultRelay.BreakAnswer(half) : FaultRelay.RELAY);
        LocalCatalog local = LocalCatalog.open(work.resolve("catalog"));
        RemoteReference reference = RemoteReference.parse("http://" + relay.hostPort() + "/broken/providers/cut@1.0.0",
                false, null);

        RemoteFixtures.puller(local, clients()).pull(reference, false);

        assertEquals(2, relay.requests().stream().filter(blobGet::equals).count(), "broken off once, then whole");
        assertEquals(binary, Digest.of(Files.readAllBytes(local.blobPath(binary))));

        LocalCatalog other = LocalCatalog.open(work.resolve("other"));
        relay.rule(request -> request.equals(blobGet) ? new FaultRelay.BreakAnswer(half) : FaultRelay.RELAY);
        RegistryException e = assertThrows(RegistryException.class,
                () -> RemoteFixtures.puller(other, clients()).pull(reference, false));
        assertTrue(e.getMessage().startsWith("downloading blob " + binary + " from broken/providers/cut failed: the download"
                + " from registry " + relay.hostPort() + " broke off after " + half + " of "
                + built.platforms().get(0).binary().size() + " bytes"), e.getMessage());
        assertTrue(e.getMessage().contains("3 attempt(s)"), e.getMessage());
        assertFalse(e.getMessage().contains("in catalog"), "the catalog is not blamed: " + e.getMessage());
        saysNoClassName(e.getMessage());
        assertFalse(other.hasBlob(binary));
    }

    @Test
    void aLocalBlobMissingAtPushTimeIsNotRetriedNorCalledUnreachable() throws Exception {
        LocalCatalog local = LocalCatalog.open(work.resolve("catalog"));
        BuiltPlugin built = RemoteFixtures.build(local, work, "lost", "1.0.0", List.of(LINUX), "");
        Path blob = local.blobPath(built.platforms().get(0).binary().digest());
        Files.delete(blob);

        // push checks that every blob of the artifact is in the local catalog before it sends anything
        CatalogException early = assertThrows(CatalogException.class, () -> RemoteFixtures.pusher(local, clients(),
                new BlobLocations()).push(built.reference(), RemoteFixtures.plain(relay.hostPort()),
                new CatalogPusher.Options(false)));
        assertTrue(early.getMessage().contains("blob " + built.platforms().get(0).binary().digest() + " (")
                && early.getMessage().contains(") is not stored"), early.getMessage());
        assertFalse(early.getMessage().contains("cannot reach"), early.getMessage());
        saysNoClassName(early.getMessage());
        // and a file that goes away between that check and its upload (a prune meanwhile) fails the upload at once
        RegistryClient client = clients().apply(RemoteFixtures.plain(relay.hostPort()).registry());
        RegistryException e = assertThrows(RegistryException.class, () -> client.pushBlob("acme/providers/lost",
                built.platforms().get(0).binary(), blob, TransferListener.NONE));

        assertTrue(e.getMessage().contains("the local blob file " + blob + " is missing"), e.getMessage());
        assertFalse(e.getMessage().contains("cannot reach"), e.getMessage());
        assertEquals(List.of(), retries());
        saysNoClassName(e.getMessage());
    }

    @Test
    void anUnknownHostAndTlsAgainstPlainHttpAreNotRetried() throws Exception {
        RegistryClient unknown = clients().apply(new Registry("no-such-registry.invalid", true, false, null));
        RegistryException e = assertThrows(RegistryException.class, () -> unknown.hasManifest("acme/providers/x", "1.0.0"));
        assertTrue(e.getMessage().contains("the host name does not resolve"), e.getMessage());
        assertEquals(List.of(), retries());
        saysNoClassName(e.getMessage());

        RegistryClient tls = clients().apply(new Registry(shared.registry().hostPort(), false, false, null));
        e = assertThrows(RegistryException.class, () -> tls.hasManifest("acme/providers/x", "1.0.0"));
        assertEquals(List.of(), retries());
        assertTrue(e.getMessage().contains(shared.registry().hostPort()), e.getMessage());
        saysNoClassName(e.getMessage());

        int port = closedPort();
        RegistryClient refused = clients().apply(new Registry("127.0.0.1:" + port, true, false, null));
        e = assertThrows(RegistryException.class, () -> refused.hasManifest("acme/providers/x", "1.0.0"));
        assertTrue(e.getMessage().contains("cannot reach registry 127.0.0.1:" + port), e.getMessage());
        assertEquals(2, retries().size(), "connection refused is retried: the registry may be starting");
        saysNoClassName(e.getMessage());
    }

    @Test
    void redirectHopsAreClosedBeforeTheNextAndTheLastStatusIsReported() throws Exception {
        BuiltPlugin built = published("redir", "hops");
        Digest binary = built.platforms().get(0).binary().digest();
        String blob = "/v2/redir/providers/hops/blobs/" + binary;
        relay.rule(request -> request.equals("GET " + blob) ? new FaultRelay.Redirect(307, "/first-hop" + blob)
                : request.equals("GET /first-hop" + blob) ? new FaultRelay.Redirect(302, "/cdn" + blob)
                : request.equals("GET /cdn" + blob) ? new FaultRelay.Relay(blob) : FaultRelay.RELAY);
        LocalCatalog local = LocalCatalog.open(work.resolve("catalog"));

        RemoteFixtures.puller(local, clients()).pull(RemoteReference.parse("http://" + relay.hostPort()
                + "/redir/providers/hops@1.0.0", false, null), false);

        assertEquals(binary, Digest.of(Files.readAllBytes(local.blobPath(binary))));
        assertEquals(2, relay.redirects());
        assertTrue(relay.awaitRedirectsClosed(10), "every redirect answer was read and its connection closed");

        relay.rule(request -> request.equals("GET " + blob) ? new FaultRelay.Redirect(307, "/loop" + blob)
                : request.equals("GET /loop" + blob) ? new FaultRelay.Redirect(308, "/loop" + blob) : FaultRelay.RELAY);
        RegistryClient client = clients().apply(new Registry(relay.hostPort(), true, false, null));
        RegistryException e = assertThrows(RegistryException.class, () -> client.downloadBlob("redir/providers/hops",
                built.platforms().get(0).binary(), TransferListener.NONE, body -> body.transferTo(OutputStream.nullOutputStream())));
        assertTrue(e.getMessage().contains("too many redirects"), e.getMessage());
        assertEquals(308, e.status(), "the status of the last hop");
    }

    @Test
    void listingARegistryThatCannotBeReachedFails() throws Exception {
        int port = closedPort();
        ConfiguredCatalogs none = new ConfiguredCatalogs(List.of(), Optional.empty());
        for (String url : List.of("http://127.0.0.1:" + port + "/acme", "http://[::1]:" + port + "/acme",
                "https://" + shared.registry().hostPort() + "/acme", shared.registry().hostPort() + "/acme")) {
            RemoteCatalog catalog = none.resolve(url);
            RegistryException e = assertThrows(RegistryException.class, () -> CatalogListing.remote(
                    clients().apply(catalog.registry()), catalog, Optional.empty(), List.of()), url);
            assertTrue(e.getMessage().startsWith("listing the repositories of " + catalog.registry() + " failed"),
                    e.getMessage());
            saysNoClassName(e.getMessage());
        }
        InvalidInputException portZero = assertThrows(InvalidInputException.class, () -> none.resolve("http://127.0.0.1:0/acme"));
        assertTrue(portZero.getMessage().contains("port 0 is not between 1 and 65535"), portZero.getMessage());
    }

    @Test
    void aNameThatMatchesNoCatalogSaysSoAndListsTheConfiguredOnes() {
        ConfiguredCatalogs configured = new ConfiguredCatalogs(List.of(
                new CatalogDefinition("company", "oci://registry.example.com/scafctl", null, false, null),
                new CatalogDefinition("staging", "http://127.0.0.1:5000/acme", null, false, null)), Optional.empty());

        InvalidInputException e = assertThrows(InvalidInputException.class, () -> configured.resolve("compnay"));
        assertEquals("no catalog named \"compnay\"; the configured catalogs are company, staging; or give a URL such as"
                + " oci://registry.example.com/scafctl", e.getMessage());
        assertEquals("registry.example.com", configured.resolve("registry.example.com/other").registry().host());
        assertEquals("localhost:5000", configured.resolve("localhost:5000/acme").registry().host());
        assertEquals("localhost", configured.resolve("localhost/acme").registry().host());
    }

    @Test
    void catalogUrlsThatCannotBeParsedGetACleanMessage() {
        ConfiguredCatalogs none = new ConfiguredCatalogs(List.of(), Optional.empty());
        assertTrue(assertThrows(InvalidInputException.class, () -> none.resolve("http://[::1/acme")).getMessage()
                .startsWith("invalid registry host \"[::1\"; expected host or host:port"));
        assertEquals("invalid registry host \"127.0.0.1:99999\": port 99999 is not between 1 and 65535",
                assertThrows(InvalidInputException.class, () -> none.resolve("http://127.0.0.1:99999/acme")).getMessage());
        assertTrue(assertThrows(InvalidInputException.class, () -> none.resolve("https://bücher.example/acme")).getMessage()
                .contains("xn--"));
        assertEquals("[::1]:5000", none.resolve("http://[::1]:5000/acme").registry().host());
    }

    @Test
    void aPasswordInACatalogUrlIsNeverEchoed() {
        String url = "http://user:s3cretPW@127.0.0.1:5000/acme";
        ConfiguredCatalogs none = new ConfiguredCatalogs(List.of(), Optional.empty());
        for (InvalidInputException e : List.of(
                assertThrows(InvalidInputException.class, () -> none.resolve(url)),
                assertThrows(InvalidInputException.class, () -> RemoteReference.parse(url + "/providers/x@1.0.0", false, null)),
                assertThrows(InvalidInputException.class, () -> new Registry("user:s3cretPW@127.0.0.1:5000", true, false, null)))) {
            assertFalse(e.getMessage().contains("s3cretPW"), e.getMessage());
            assertFalse(e.getMessage().contains("user:"), e.getMessage());
            assertTrue(e.getMessage().contains("settings.xml"), e.getMessage());
        }
        String noVersion = assertThrows(InvalidInputException.class,
                () -> RemoteReference.parse(url + "/providers/x", false, null)).getMessage();
        assertFalse(noVersion.contains("s3cretPW"), noVersion);
        assertTrue(noVersion.startsWith("\"http://***@127.0.0.1:5000/acme/providers/x\""), noVersion);
    }
}
