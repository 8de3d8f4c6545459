package dev.scafctl.catalog.protocol;

import dev.scafctl.catalog.artifact.ArtifactKind;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * What scafctl asks of a plugin of one kind (facts from scafctl's plugin SDK, {@code plugin/interface.go} and
 * {@code plugin/proto/plugin.proto}): the go-plugin magic cookie and protocol version of its handshake, and the
 * gRPC method that lists what it provides, with how to read the names from its answer.
 */
record PluginContract(ArtifactKind kind, String cookieKey, String cookieValue, int protocolVersion, String service,
        String method, Function<byte[], List<String>> names) {

    static final PluginContract PROVIDER = new PluginContract(ArtifactKind.PROVIDER, "SCAFCTL_PLUGIN",
            "scafctl_provider_plugin", 1, "plugin.PluginService", "GetProviders",
            // GetProvidersResponse { repeated string provider_names = 1; }
            response -> Protobuf.strings(response, 1));

    static final PluginContract AUTH_HANDLER = new PluginContract(ArtifactKind.AUTH_HANDLER, "SCAFCTL_AUTH_PLUGIN",
            "scafctl_auth_handler_plugin", 2, "plugin.AuthHandlerService", "GetAuthHandlers",
            // GetAuthHandlersResponse { repeated AuthHandlerInfo handlers = 1; }, AuthHandlerInfo { string name = 1; }
            response -> {
                List<String> names = new ArrayList<>();
                for (byte[] handler : Protobuf.field(response, 1)) {
                    List<String> name = Protobuf.strings(handler, 1);
                    names.add(name.isEmpty() ? "" : name.get(name.size() - 1));
                }
                return names;
            });

    static PluginContract of(ArtifactKind kind) {
        return switch (kind) {
            case PROVIDER -> PROVIDER;
            case AUTH_HANDLER -> AUTH_HANDLER;
            default -> throw new IllegalArgumentException("a " + kind + " is not a plugin");
        };
    }

    String path() {
        return "/" + service + "/" + method;
    }

    String cookie() {
        return cookieKey + "=" + cookieValue;
    }
}
