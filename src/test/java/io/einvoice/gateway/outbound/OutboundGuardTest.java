package io.einvoice.gateway.outbound;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Hosts set by users may not lead the gateway into its own network: every resolved address is checked. */
class OutboundGuardTest {

    /** A resolver that answers {@code address} for every name, as a hostile DNS zone would. */
    private static OutboundGuard.Resolver answering(String address) {
        return host -> new InetAddress[] {InetAddress.getByAddress(host, InetAddress.getByName(address).getAddress())};
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.8.9.10", "10.1.2.3", "172.16.0.1", "172.31.255.254", "192.168.1.1",
            "169.254.169.254", "169.254.0.1", "0.0.0.0", "100.64.0.1", "224.0.0.1", "255.255.255.255",
            "::1", "::", "fe80::1", "fc00::1", "fd12:3456::1", "ff02::1", "fec0::1"})
    void aNameThatResolvesToANonPublicAddressIsRefused(String address) {
        OutboundGuard guard = OutboundGuard.strict(answering(address));
        assertThat(guard.refusal("mail.cabinet-pirate.fr")).startsWith("the host mail.cabinet-pirate.fr resolves to a")
                .contains("GATEWAY_ALLOWED_PRIVATE_HOSTS");
    }

    @Test
    void theCloudMetadataAddressIsRefusedWrittenAsItIs() {
        assertThat(OutboundGuard.strict(answering("8.8.8.8")).refusal("169.254.169.254"))
                .isEqualTo("the host 169.254.169.254 is a link-local address, which the gateway does not connect to;"
                        + " the operator can allow it with GATEWAY_ALLOWED_PRIVATE_HOSTS");
    }

    @Test
    void ipv4MappedAndCompatibleIpv6FormsAreJudgedByTheirIpv4Address() throws Exception {
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        mapped[12] = (byte) 169;
        mapped[13] = (byte) 254;
        mapped[14] = (byte) 169;
        mapped[15] = (byte) 254;
        OutboundGuard guard = OutboundGuard.strict(host -> new InetAddress[] {Inet6Address.getByAddress(host, mapped, -1)});
        assertThat(guard.refusal("metadata.example.fr")).contains("a link-local address");
        byte[] compatible = mapped.clone();
        compatible[10] = 0;
        compatible[11] = 0;
        compatible[12] = 10;
        OutboundGuard guard2 = OutboundGuard.strict(host -> new InetAddress[] {Inet6Address.getByAddress(host, compatible, -1)});
        assertThat(guard2.refusal("compat.example.fr")).contains("a private address");
        assertThat(guard.refusal("[::ffff:127.0.0.1]")).contains("a loopback address");
    }

    @Test
    void oneNonPublicAddressAmongPublicOnesIsEnoughToRefuse() {
        OutboundGuard guard = OutboundGuard.strict(host -> new InetAddress[] {
                InetAddress.getByAddress(host, new byte[] {52, 97, 1, 1}),
                InetAddress.getByAddress(host, new byte[] {10, 0, 0, 7})});
        assertThat(guard.refusal("smtp.example.fr")).contains("a private address");
    }

    @Test
    void publicAddressesAreAllowed() throws Exception {
        OutboundGuard guard = OutboundGuard.strict(answering("52.97.1.1"));
        assertThat(guard.refusal("outlook.office365.com")).isNull();
        assertThat(guard.refusal("2a01:111:f400::1")).isNull();
        assertThat(guard.connectAddress("outlook.office365.com").getHostAddress()).isEqualTo("52.97.1.1");
    }

    @Test
    void theOperatorAllowsPrivateHostsByNameOrCidr() {
        OutboundGuard guard = OutboundGuard.fromEnvironment(Map.of("GATEWAY_ALLOWED_PRIVATE_HOSTS",
                "mail.cabinet.lan, 192.168.10.0/24 fd00::/8")).withResolver(answering("10.9.9.9"));
        assertThat(guard.refusal("mail.cabinet.lan")).isNull();
        assertThat(guard.refusal("MAIL.cabinet.lan")).isNull();
        assertThat(guard.refusal("other.cabinet.lan")).contains("a private address");
        assertThat(guard.refusal("192.168.10.25")).isNull();
        assertThat(guard.refusal("192.168.11.25")).contains("a private address");
        assertThat(guard.refusal("fd00::25")).isNull();
        assertThat(OutboundGuard.fromEnvironment(Map.of()).refusal("127.0.0.1")).contains("loopback");
    }

    @Test
    void aBadAllowListStopsTheStartWithoutEchoingIt() {
        assertThatThrownBy(() -> OutboundGuard.fromEnvironment(Map.of("GATEWAY_ALLOWED_PRIVATE_HOSTS", "10.0.0.0/40")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("between 0 and 32");
        assertThatThrownBy(() -> OutboundGuard.fromEnvironment(Map.of("GATEWAY_ALLOWED_PRIVATE_HOSTS", "http://x/")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("http://x/");
    }

    @Test
    void whatIsNotAHostNameIsRefusedWithoutBeingResolved() {
        OutboundGuard guard = OutboundGuard.strict(host -> {
            throw new AssertionError("resolved " + host);
        });
        assertThat(guard.refusal("smtp.example.fr/../admin")).isEqualTo("the host must be a host name or an IP address");
        assertThat(guard.refusal("a b")).isEqualTo("the host must be a host name or an IP address");
        assertThat(guard.refusal("x".repeat(300))).isEqualTo("the host must be a host name or an IP address");
    }

    @Test
    void aNameThatDoesNotResolveYetCanBeSavedButNotConnectedTo() {
        OutboundGuard guard = OutboundGuard.strict(host -> {
            throw new UnknownHostException(host);
        });
        assertThat(guard.refusal("smtp.nowhere.example")).isNull();
        assertThatThrownBy(() -> guard.connectAddress("smtp.nowhere.example")).isInstanceOf(UnknownHostException.class);
    }

    /** DNS rebinding: public when the setting was saved, private when the gateway connects. */
    @Test
    void aNameThatTurnsPrivateAfterItWasSavedIsRefusedAtConnectTimeAndNothingIsReached() throws Exception {
        try (ServerSocket local = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            AtomicReference<String> answer = new AtomicReference<>("52.97.1.1");
            OutboundGuard guard = OutboundGuard.strict(host -> new InetAddress[] {
                    InetAddress.getByAddress(host, InetAddress.getByName(answer.get()).getAddress())});
            assertThat(guard.refusal("smtp.rebind.example")).isNull();

            answer.set("127.0.0.1");
            local.setSoTimeout(300);
            try (Socket socket = guard.socketFactory().createSocket()) {
                assertThatThrownBy(() -> socket.connect(new InetSocketAddress("smtp.rebind.example", local.getLocalPort()), 1000))
                        .isInstanceOf(HostRefusedException.class).hasMessageContaining("a loopback address");
            }
            assertThatThrownBy(local::accept).isInstanceOf(java.net.SocketTimeoutException.class);
        }
    }

    @Test
    void anAllowedHostIsReachedAtTheAddressTheGuardChecked() throws Exception {
        try (ServerSocket local = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            OutboundGuard guard = OutboundGuard.strict(answering("127.0.0.1")).allowing("127.0.0.0/8");
            try (Socket socket = guard.socketFactory().createSocket("relay.cabinet.lan", local.getLocalPort());
                 Socket accepted = local.accept()) {
                assertThat(socket.isConnected()).isTrue();
                assertThat(accepted.getLocalPort()).isEqualTo(local.getLocalPort());
            }
        }
    }
}
