package dev.scafctl.catalog.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scafctl.catalog.artifact.Platform;
import dev.scafctl.catalog.local.LocalCatalog;
import dev.scafctl.catalog.plugin.BuiltPlugin;
import dev.scafctl.catalog.testing.RegistryServer;
import dev.scafctl.catalog.testing.TokenServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Bearer-token flow against the real registry in token mode, with two users of different rights on one host. */
class TokenAuthTest {

    @TempDir
    Path work;

    @Test
    void tokensFollowTheirCredentialsAndAreNeverShared() {
        List<TokenServer.User> users = List.of(new TokenServer.User("alice", "a:lice", Set.of("pull", "push")),
                new TokenServer.User("bob", "b:ob", Set.of("pull")));
        try (TokenServer tokens = new TokenServer(work.resolve("tokens"), users);
                RegistryServer registry = RegistryServer.startWithTokens(work.resolve("registry"), tokens)) {
            LocalCatalog local = LocalCatalog.open(work.resolve("catalog"));
            BuiltPlugin first = RemoteFixtures.build(local, work, "tokened", "1.0.0", Platform.SUPPORTED.subList(0, 2), "");
            BuiltPlugin second = RemoteFixtures.build(local, work, "tokened", "1.1.0", Platform.SUPPORTED.subList(0, 2), " b");
            // Two catalogs on the same registry host, each with its own credentials, used one after the other.
            RemoteCatalog asAlice = RemoteCatalog.parse("alice-catalog", "http://" + registry.hostPort() + "/team", false, null);
            RemoteCatalog asBob = RemoteCatalog.parse("bob-catalog", "http://" + registry.hostPort() + "/team", false, null);
            BlobLocations locations = new BlobLocations();

            CatalogPusher.Result pushed = RemoteFixtures.pusher(local, clientsFor("alice", "a:lice"), locations)
                    .push(first.reference(), asAlice, new CatalogPusher.Options(false));
            RegistryException refused = assertThrows(RegistryException.class, () -> RemoteFixtures.pusher(local,
                    clientsFor("bob", "b:ob"), locations).push(second.reference(), asBob, new CatalogPusher.Options(false)));
            CatalogPuller.Result pulled = RemoteFixtures.puller(LocalCatalog.open(work.resolve("bob")), clientsFor("bob", "b:ob"))
                    .pull(RemoteReference.parse("http://" + registry.hostPort() + "/team/providers/tokened@1.0.0", false, null), false);

            assertEquals(first.index().digest(), pushed.digest());
            assertEquals(401, refused.status(), refused.getMessage());
            assertTrue(refused.getMessage().contains("refused the credentials of bob"), refused.getMessage());
            assertEquals(first.index().digest(), pulled.digest(), "bob may pull");
            assertTrue(tokens.requests().stream().anyMatch(r -> r.startsWith("alice ") && r.contains(":pull,push")), tokens.requests().toString());
            assertTrue(tokens.requests().stream().anyMatch(r -> r.startsWith("bob ") && r.contains(":pull,push")),
                    "bob asked for his own push token instead of reusing alice's: " + tokens.requests());
        }
    }

    @Test
    void wrongCredentialsAtTheTokenServiceAreA401() {
        try (TokenServer tokens = new TokenServer(work.resolve("tokens"), List.of(new TokenServer.User("alice", "right", Set.of("pull"))));
                RegistryServer registry = RegistryServer.startWithTokens(work.resolve("registry"), tokens)) {
            RegistryClient client = clientsFor("alice", "wrong").apply(new Registry(registry.hostPort(), true, false, null));
            RegistryException e = assertThrows(RegistryException.class, () -> client.listTags("team/providers/x"));
            assertEquals(401, e.status());
            assertTrue(!e.getMessage().contains("wrong"), e.getMessage());
        }
    }

    private static Function<Registry, RegistryClient> clientsFor(String user, String password) {
        CredentialSource source = r -> Optional.of(new Credentials(user, password, "test catalog of " + user));
        return r -> new RegistryClient(r, source, RemoteFixtures.fastRetries());
    }

}
