package io.einvoice.gateway.outbound;

import org.apache.commons.validator.routines.InetAddressValidator;

import javax.net.SocketFactory;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * The one gate for connections to hosts that users set (a dossier's SMTP server, its mailboxes): a host name is
 * resolved and every address it resolves to must be public — not loopback, link-local (169.254.0.0/16 with the cloud
 * metadata service, fe80::/10), private (10/8, 172.16/12, 192.168/16, fc00::/7, fec0::/10), shared (100.64/10),
 * unspecified, multicast or reserved, IPv4-mapped or -compatible IPv6 forms of these included — unless the operator
 * allows the host name or a CIDR containing the address ({@code GATEWAY_ALLOWED_PRIVATE_HOSTS}).
 *
 * <p>Checked when a setting is saved ({@link #refusal}) and again at each connection ({@link #socketFactory}), which
 * connects to the very address it checked: a name that resolved to a public address when saved and to a private one
 * later (DNS rebinding) is refused then.
 */
public final class OutboundGuard {

    /** How host names become addresses; a test gives one that answers a private address. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    public static final String ENV = "GATEWAY_ALLOWED_PRIVATE_HOSTS";
    private static final int MAX_HOST_LENGTH = 253;
    /** Letters, digits and inner hyphens per label (RFC 1123); internal names (mail.cabinet.lan) are names too. */
    private static final Pattern HOST_NAME =
            Pattern.compile("(?i)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*\\.?");

    private final Resolver resolver;
    private final List<String> allowedNames;
    private final List<Cidr> allowedRanges;

    private OutboundGuard(Resolver resolver, List<String> allowedNames, List<Cidr> allowedRanges) {
        this.resolver = resolver;
        this.allowedNames = List.copyOf(allowedNames);
        this.allowedRanges = List.copyOf(allowedRanges);
    }

    /** The system resolver and the allow-list of GATEWAY_ALLOWED_PRIVATE_HOSTS (names and CIDRs, comma-separated). */
    public static OutboundGuard fromEnvironment(Map<String, String> env) {
        return new OutboundGuard(InetAddress::getAllByName, List.of(), List.of()).allowing(env.getOrDefault(ENV, ""));
    }

    /** Public addresses only, whatever the environment says. */
    public static OutboundGuard strict(Resolver resolver) {
        return new OutboundGuard(resolver, List.of(), List.of());
    }

    /**
     * This guard also allowing {@code entries}: host names (matched as written, case aside) and addresses or CIDRs
     * ({@code 10.0.0.0/8}, {@code 127.0.0.1}, {@code fd00::/8}), separated by commas or spaces.
     *
     * @throws IllegalArgumentException naming the entry that is neither
     */
    public OutboundGuard allowing(String entries) {
        List<String> names = new ArrayList<>(allowedNames);
        List<Cidr> ranges = new ArrayList<>(allowedRanges);
        for (String entry : entries.split("[,\\s]+")) {
            if (entry.isEmpty()) {
                continue;
            }
            String address = entry.contains("/") ? entry.substring(0, entry.indexOf('/')) : entry;
            if (InetAddressValidator.getInstance().isValid(address)) {
                ranges.add(Cidr.parse(entry));
            } else if (HOST_NAME.matcher(entry).matches()) {
                names.add(entry.toLowerCase(Locale.ROOT));
            } else {
                throw new IllegalArgumentException(ENV + " must list host names and CIDRs (e.g. mail.cabinet.lan,"
                        + " 10.0.0.0/8), separated by commas; an entry is neither");
            }
        }
        return new OutboundGuard(resolver, names, ranges);
    }

    /** The same allow-list with another resolver (tests). */
    public OutboundGuard withResolver(Resolver other) {
        return new OutboundGuard(other, allowedNames, allowedRanges);
    }

    /**
     * Why the gateway will not connect to {@code host}, as a sentence for the person who set it; null when it may.
     * Resolves the name. A name that does not resolve yet is accepted: nothing can be reached through it (split-horizon
     * DNS, a server not set up yet, a gateway without DNS), and every connection checks its addresses again.
     */
    public String refusal(String host) {
        try {
            connectAddress(host);
            return null;
        } catch (HostRefusedException e) {
            return e.getMessage();
        } catch (UnknownHostException notYet) {
            return null;
        }
    }

    /**
     * The address to connect to for {@code host}: the first it resolves to, once every one of them is allowed.
     *
     * @throws HostRefusedException  the host is not a host name, or one of its addresses is not public
     * @throws UnknownHostException the name does not resolve
     */
    public InetAddress connectAddress(String host) throws HostRefusedException, UnknownHostException {
        if (host == null || host.isBlank() || host.length() > MAX_HOST_LENGTH) {
            throw new HostRefusedException("the host must be a host name or an IP address");
        }
        String literal = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        boolean isLiteral = InetAddressValidator.getInstance().isValid(literal);
        if (!isLiteral && !HOST_NAME.matcher(host).matches()) {
            throw new HostRefusedException("the host must be a host name or an IP address");
        }
        InetAddress[] addresses = isLiteral ? new InetAddress[] {InetAddress.getByName(literal)} : resolver.resolve(host);
        if (addresses == null || addresses.length == 0) {
            throw new UnknownHostException(host);
        }
        if (!isLiteral && allowedNames.contains(host.toLowerCase(Locale.ROOT))) {
            return addresses[0];
        }
        for (InetAddress address : addresses) {
            String kind = nonPublic(address);
            if (kind != null && allowedRanges.stream().noneMatch(r -> r.contains(address))) {
                throw new HostRefusedException("the host " + host + (isLiteral ? " is " : " resolves to ") + kind
                        + " address, which the gateway does not connect to; the operator can allow it with " + ENV);
            }
        }
        return addresses[0];
    }

    /**
     * What kind of non-public address this is ("a loopback"...), or null for a public one. An IPv6 form that carries an
     * IPv4 address (::ffff:a.b.c.d, ::a.b.c.d) is judged by that address.
     */
    static String nonPublic(InetAddress address) {
        if (address instanceof Inet6Address v6) {
            byte[] b = v6.getAddress();
            boolean zeros = true;
            for (int i = 0; i < 10; i++) {
                zeros &= b[i] == 0;
            }
            boolean mapped = zeros && b[10] == (byte) 0xff && b[11] == (byte) 0xff;
            boolean compatible = zeros && b[10] == 0 && b[11] == 0 && !v6.isLoopbackAddress() && !v6.isAnyLocalAddress();
            if (mapped || compatible) {
                try {
                    return nonPublic(InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
                } catch (UnknownHostException impossible) {
                    throw new IllegalStateException(impossible);
                }
            }
            if ((b[0] & 0xfe) == 0xfc) {
                return "a private (unique local)";
            }
        }
        if (address.isAnyLocalAddress()) {
            return "an unspecified";
        }
        if (address.isLoopbackAddress()) {
            return "a loopback";
        }
        if (address.isLinkLocalAddress()) {
            return "a link-local";
        }
        if (address.isSiteLocalAddress()) {
            return "a private";
        }
        if (address.isMulticastAddress()) {
            return "a multicast";
        }
        if (address instanceof Inet4Address) {
            int first = address.getAddress()[0] & 0xff;
            int second = address.getAddress()[1] & 0xff;
            if (first == 0 || first >= 240) {
                return "a reserved";
            }
            if (first == 100 && second >= 64 && second < 128) {
                return "a shared (carrier-grade NAT)";
            }
        }
        return null;
    }

    /**
     * Sockets that connect only where {@link #connectAddress} allows, to the address it checked. For mail sessions,
     * through {@link #protect}.
     */
    public SocketFactory socketFactory() {
        return new SocketFactory() {
            @Override
            public Socket createSocket() {
                return new GuardedSocket();
            }

            @Override
            public Socket createSocket(String host, int port) throws IOException {
                Socket socket = new GuardedSocket();
                socket.connect(InetSocketAddress.createUnresolved(host, port));
                return socket;
            }

            @Override
            public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
                Socket socket = new GuardedSocket();
                socket.bind(new InetSocketAddress(localHost, localPort));
                socket.connect(InetSocketAddress.createUnresolved(host, port));
                return socket;
            }

            @Override
            public Socket createSocket(InetAddress host, int port) throws IOException {
                return createSocket(host.getHostAddress(), port);
            }

            @Override
            public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
                    throws IOException {
                return createSocket(address.getHostAddress(), port, localAddress, localPort);
            }
        };
    }

    /**
     * Makes a Jakarta Mail session for {@code protocol} (smtp, imap, imaps, pop3, pop3s) connect through this guard,
     * TLS from the start included (the TLS layer still checks the certificate against the host name). The fallback
     * is switched off: Jakarta Mail would otherwise retry without the factory when it fails.
     */
    public Properties protect(Properties session, String protocol) {
        SocketFactory factory = socketFactory();
        session.put("mail." + protocol + ".socketFactory", factory);
        session.put("mail." + protocol + ".ssl.socketFactory", factory);
        session.put("mail." + protocol + ".socketFactory.fallback", "false");
        return session;
    }

    /** A socket whose connect goes through the guard: the host is resolved and checked here, not by the caller. */
    private final class GuardedSocket extends Socket {
        @Override
        public void connect(SocketAddress endpoint, int timeout) throws IOException {
            if (!(endpoint instanceof InetSocketAddress target)) {
                throw new HostRefusedException("the gateway connects only to host names and IP addresses");
            }
            super.connect(new InetSocketAddress(connectAddress(target.getHostString()), target.getPort()), timeout);
        }
    }

    /** An address range written as address/prefix; a bare address is the range of that address alone. */
    private record Cidr(byte[] network, int prefix) {
        static Cidr parse(String text) {
            int slash = text.indexOf('/');
            try {
                byte[] network = InetAddress.getByName(slash < 0 ? text : text.substring(0, slash)).getAddress();
                int prefix = slash < 0 ? network.length * 8 : Integer.parseInt(text.substring(slash + 1));
                if (prefix < 0 || prefix > network.length * 8) {
                    throw new IllegalArgumentException(ENV + ": a CIDR prefix must be between 0 and "
                            + network.length * 8);
                }
                return new Cidr(network, prefix);
            } catch (UnknownHostException | NumberFormatException e) {
                throw new IllegalArgumentException(ENV + " must list host names and CIDRs (e.g. 10.0.0.0/8)", e);
            }
        }

        boolean contains(InetAddress address) {
            byte[] candidate = address.getAddress();
            if (candidate.length != network.length) {
                return false;
            }
            for (int bit = 0; bit < prefix; bit++) {
                int mask = 0x80 >>> (bit % 8);
                if ((candidate[bit / 8] & mask) != (network[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }
}
