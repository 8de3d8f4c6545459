package dev.scafctl.catalog.protocol;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.net.UnknownHostException;

/**
 * The line a go-plugin server prints on stdout when it is ready:
 * {@code CORE-VERSION|APP-VERSION|NETWORK|ADDRESS|PROTOCOL[|CERT]}.
 */
record PluginHandshake(int coreVersion, int appVersion, String network, String address, String protocol) {

    /** go-plugin's own protocol version, which every plugin of this generation prints first. */
    static final int CORE_VERSION = 1;

    static PluginHandshake parse(String line) {
        String[] fields = line.strip().split("\\|", -1);
        if (fields.length < 5 || fields.length > 6) {
            throw malformed(line);
        }
        try {
            return new PluginHandshake(Integer.parseInt(fields[0]), Integer.parseInt(fields[1]), fields[2], fields[3],
                    fields[4]);
        } catch (NumberFormatException e) {
            throw malformed(line);
        }
    }

    private static ProtocolException malformed(String line) {
        String shown = line.length() > 120 ? line.substring(0, 120) + "..." : line;
        return new ProtocolException("printed \"" + shown + "\" where a go-plugin handshake belongs "
                + "(CORE-VERSION|APP-VERSION|NETWORK|ADDRESS|grpc)");
    }

    /** Where the plugin listens; only on this machine: a unix socket or a loopback TCP port. */
    SocketAddress socketAddress() {
        if (network.equals("unix")) {
            if (address.isEmpty()) {
                throw new ProtocolException("handshake names an empty unix socket path");
            }
            return UnixDomainSocketAddress.of(address);
        }
        if (network.equals("tcp")) {
            int colon = address.lastIndexOf(':');
            try {
                InetAddress host = InetAddress.getByName(address.substring(0, colon).replace("[", "").replace("]", ""));
                if (colon > 0 && host.isLoopbackAddress()) {
                    return new InetSocketAddress(host, Integer.parseInt(address.substring(colon + 1)));
                }
            } catch (UnknownHostException | NumberFormatException | StringIndexOutOfBoundsException e) {
                // reported below
            }
            throw new ProtocolException("handshake names tcp address \"" + address + "\", not a port on this machine");
        }
        throw new ProtocolException("handshake names network \"" + network + "\"; go-plugin uses unix or tcp");
    }
}
