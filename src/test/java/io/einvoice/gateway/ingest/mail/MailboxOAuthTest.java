package io.einvoice.gateway.ingest.mail;

import com.microsoft.aad.msal4j.ClientCredentialParameters;
import com.microsoft.aad.msal4j.IAuthenticationResult;
import com.microsoft.aad.msal4j.IConfidentialClientApplication;
import io.einvoice.gateway.document.Direction;
import io.einvoice.gateway.dossier.Dossier;
import io.einvoice.gateway.dossier.DossierRepository;
import io.einvoice.gateway.dossier.Firm;
import io.einvoice.gateway.dossier.SecretCipher;
import io.einvoice.gateway.outbound.OutboundGuard;
import io.einvoice.gateway.system.Database;
import io.einvoice.gateway.system.GatewayConfig;
import jakarta.mail.Message;
import org.apache.camel.DelegateEndpoint;
import org.apache.camel.Exchange;
import org.apache.camel.component.mail.MailAuthenticator;
import org.apache.camel.component.mail.MailEndpoint;
import org.apache.camel.component.mail.MailMessage;
import org.apache.camel.component.mail.microsoft.authenticator.MicrosoftExchangeOnlineOAuth2MailAuthenticator;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Microsoft 365 mailboxes (OAuth2 client credentials): the settings, the endpoint the route gets, and a real IMAP
 * sign-in with SASL XOAUTH2 (GreenMail accepts XOAUTH2 and checks the token as the user's password). Entra ID is
 * outside this machine: a stand-in application hands Camel's Microsoft authenticator a token, only for the right
 * tenant, client id and client secret.
 */
class MailboxOAuthTest {

    static final String TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    static final String CLIENT = "0b8c1a54-3f6e-4d0a-9c2e-6a1f3e9d7b21";
    static final String CLIENT_SECRET = "entra-client-secret~42";
    static final String USER = "factures@contoso.test";

    @TempDir
    Path home;
    Database database;
    MailServer mail;
    DefaultCamelContext camel;
    MailSettings settings;
    MailboxRepository mailboxes;
    MailboxRoutes routes;
    Dossier dossier;
    final List<String> read = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        database = Database.open(GatewayConfig.h2Url(home), "sa", "");
        DossierRepository dossiers = new DossierRepository(database.jdbc());
        Firm firm = new Firm(UUID.randomUUID().toString(), "Cabinet", "443322110");
        dossiers.insertFirm(firm);
        dossier = new Dossier(UUID.randomUUID().toString(), firm.id(), "123456782", null, "A", null, 12, "ACTIVE", false);
        dossiers.insert(dossier);
        mailboxes = new MailboxRepository(database.jdbc());
        SecretCipher secrets = SecretCipher.of("test key for the mailbox secrets");
        // outlook.office365.com answers a public address without asking DNS; the test's mail server is on this machine
        OutboundGuard guard = OutboundGuard.strict(host -> new InetAddress[] {InetAddress.getByAddress(host,
                new byte[] {52, 97, 1, 1})}).allowing("127.0.0.1");
        routes = new MailboxRoutes(mailboxes, secrets, MailboxOAuthTest::entraStandIn, guard);
        settings = new MailSettings(mailboxes, new InboundAddressRepository(database.jdbc()), secrets,
                database.transactions(), routes, false, guard);

        mail = new MailServer();
        mail.user(USER, token(CLIENT)); // the server takes the access token, never a password
        camel = MailboxCamel.start(home, new Recorder(read), routes);
    }

    @AfterEach
    void stop() throws Exception {
        camel.close();
        mail.close();
        database.close();
    }

    @Test
    void anOAuthMailboxSignsInWithTheAuthenticatorsTokenOverXoauth2AndIsRead() throws Exception {
        Mailbox saved = settings.saveOwnMailbox(dossier, request(CLIENT_SECRET));
        assertThat(saved.auth()).isEqualTo(MailAuth.OAUTH2_M365);
        assertThat(saved.passwordSecret()).startsWith("v1:").doesNotContain(CLIENT_SECRET);

        MailEndpoint endpoint = (MailEndpoint) ((DelegateEndpoint) camel.getRoute(MailboxRoutes.routeId(saved.id())).getEndpoint()).getEndpoint();
        assertThat(endpoint.getConfiguration().getAuthenticator())
                .isInstanceOf(MicrosoftExchangeOnlineOAuth2MailAuthenticator.class);
        assertThat(endpoint.getConfiguration().getAdditionalJavaMailProperties())
                .containsEntry("mail.imap.auth.mechanisms", "XOAUTH2");
        assertThat(endpoint.getConfiguration().getPassword()).isNull();

        mail.send(TestMails.mail("Facture M365").to(USER).text("ci-joint").message());
        await().atMost(Duration.ofSeconds(30)).until(() -> read.contains("Facture M365"));
        await().atMost(Duration.ofSeconds(30)).until(() -> mail.count(USER, token(CLIENT), "Processed") == 1);
    }

    @Test
    void aSecretEntraRefusesLeavesTheMailboxUnpolledWithTheReasonAndANewSecretBringsItBack() throws Exception {
        Mailbox saved = settings.saveOwnMailbox(dossier, request(CLIENT_SECRET));
        MailAuthenticator first = authenticator(saved);
        assertThat(first.getPasswordAuthentication().getPassword()).isEqualTo(token(CLIENT));
        assertThat(first.getPasswordAuthentication().getUserName()).isEqualTo(USER);
        String routeId = MailboxRoutes.routeId(saved.id());

        settings.saveOwnMailbox(dossier, withId(saved.id(), request("a-revoked-secret")));
        assertThat(camel.getRoute(routeId)).isNull();
        assertThat(authenticator(saved)).isNull();
        MailSettings.MailboxView view = settings.of(dossier).mailboxes().get(0);
        assertThat(view.problem()).contains("AADSTS7000215");
        assertThat(view.clientSecretSet()).isTrue();
        assertThat(view.passwordSet()).isFalse();
        assertThat(view.tenantId()).isEqualTo(TENANT);

        settings.saveOwnMailbox(dossier, withId(saved.id(), request(CLIENT_SECRET)));
        assertThat(camel.getRoute(routeId)).isNotNull();
        MailAuthenticator again = authenticator(saved);
        assertThat(again).isNotSameAs(first);
        assertThat(settings.of(dossier).mailboxes().get(0).problem()).isNull();

        // leaving the secret out keeps the stored one (it is never shown, so a form cannot send it back): same route
        settings.saveOwnMailbox(dossier, withId(saved.id(), request(null)));
        assertThat(authenticator(saved)).isSameAs(again);
        assertThat(again.getPasswordAuthentication().getPassword()).isEqualTo(token(CLIENT));
    }

    @Test
    void badOAuthSettingsAreRefusedWithTheFieldAndTheFix() {
        assertRefused(new MailSettings.MailboxRequest(null, null, "IMAPS", "outlook.office365.com", null, USER, null,
                null, null, null, null, null, false, "OAUTH2_M365", "not a tenant", CLIENT, CLIENT_SECRET),
                "mailbox.tenantId must be the Directory (tenant) ID");
        assertRefused(new MailSettings.MailboxRequest(null, null, "IMAPS", "outlook.office365.com", null, USER, null,
                null, null, null, null, null, false, "OAUTH2_M365", "contoso.onmicrosoft.com", "my-app", CLIENT_SECRET),
                "mailbox.clientId must be the Application (client) ID");
        assertRefused(new MailSettings.MailboxRequest(null, null, "IMAPS", "outlook.office365.com", null, USER, null,
                null, null, null, null, null, false, "OAUTH2_M365", TENANT, CLIENT, null),
                "mailbox.clientSecret is required for a new mailbox");
        assertRefused(new MailSettings.MailboxRequest(null, null, "IMAPS", "outlook.office365.com", null, USER, "pw",
                null, null, null, null, null, false, "OAUTH2_M365", TENANT, CLIENT, CLIENT_SECRET),
                "mailbox.password is not used with OAUTH2_M365");
        assertRefused(new MailSettings.MailboxRequest(null, null, "IMAPS", "outlook.office365.com", null, USER, "pw",
                null, null, null, null, null, false, "PASSWORD", TENANT, null, null),
                "are for \"auth\": \"OAUTH2_M365\"");
        assertRefused(new MailSettings.MailboxRequest(null, null, "IMAPS", "outlook.office365.com", null, USER, "pw",
                null, null, null, null, null, false, "KERBEROS", null, null, null),
                "mailbox.auth must be one of PASSWORD, OAUTH2_M365, got 'KERBEROS'");
        assertThat(mailboxes.all()).isEmpty();
    }

    @Test
    void aMailboxSwitchingFromPasswordToOAuthNeedsItsClientSecret() throws Exception {
        Mailbox saved = settings.saveOwnMailbox(dossier, new MailSettings.MailboxRequest(null, null, "IMAP", "127.0.0.1",
                mail.imapPort(), USER, "old-password", null, null, null, 60_000L, 10, false, null, null, null, null));
        assertThat(saved.auth()).isEqualTo(MailAuth.PASSWORD);
        assertRefused(withId(saved.id(), request(null)), "mailbox.clientSecret is required for a new mailbox and when"
                + " it changes how it signs in");
        assertThat(mailboxes.find(saved.id()).orElseThrow().auth()).isEqualTo(MailAuth.PASSWORD);
    }

    @Test
    void theUriOfAPasswordMailboxCarriesThePasswordAndAnOAuthOneTheAuthenticatorInstead() {
        Mailbox password = mailbox(MailAuth.PASSWORD, MailProtocol.IMAPS);
        Mailbox oauth = mailbox(MailAuth.OAUTH2_M365, MailProtocol.IMAPS);
        assertThat(MailboxRoutes.uri(password, "pw")).contains("password=RAW(pw)").doesNotContain("authenticator")
                .doesNotContain("XOAUTH2");
        assertThat(MailboxRoutes.uri(oauth, CLIENT_SECRET)).doesNotContain("password").doesNotContain(CLIENT_SECRET)
                .contains("&authenticator=#mailAuthenticator-mb-1")
                .contains("&additionalJavaMailProperties=#mailProperties-mb-1");
        assertThat(routes.sessionProperties(oauth)).containsEntry("mail.imaps.auth.mechanisms", "XOAUTH2");
        assertThat(routes.sessionProperties(mailbox(MailAuth.OAUTH2_M365, MailProtocol.POP3S)))
                .containsEntry("mail.pop3s.auth.mechanisms", "XOAUTH2");
        assertThat(routes.sessionProperties(password)).doesNotContainKey("mail.imaps.auth.mechanisms")
                .containsKey("mail.imaps.socketFactory");
    }

    private void assertRefused(MailSettings.MailboxRequest request, String message) {
        assertThatThrownBy(() -> settings.saveOwnMailbox(dossier, request))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }

    private MailAuthenticator authenticator(Mailbox m) {
        return camel.getRegistry().lookupByNameAndType(MailboxRoutes.authenticatorName(m.id()), MailAuthenticator.class);
    }

    private MailSettings.MailboxRequest request(String clientSecret) {
        return new MailSettings.MailboxRequest(null, "PURCHASE", "IMAP", "127.0.0.1", mail.imapPort(), USER, null,
                "INBOX", "Processed", null, 200L, 10, true, "OAUTH2_M365", TENANT, CLIENT, clientSecret);
    }

    private static MailSettings.MailboxRequest withId(String id, MailSettings.MailboxRequest r) {
        return new MailSettings.MailboxRequest(id, r.direction(), r.protocol(), r.host(), r.port(), r.username(),
                r.password(), r.folder(), r.processedFolder(), r.domain(), r.pollMillis(), r.batchSize(), r.enabled(),
                r.auth(), r.tenantId(), r.clientId(), r.clientSecret());
    }

    private static Mailbox mailbox(MailAuth auth, MailProtocol protocol) {
        return new Mailbox("mb-1", "firm", "dossier", Direction.PURCHASE, protocol, "outlook.office365.com",
                protocol.defaultPort(), USER, "sealed", "INBOX", protocol.pop3() ? null : "Processed", null, 60_000, 50,
                true, OffsetDateTime.now(), auth, auth == MailAuth.PASSWORD ? null : TENANT,
                auth == MailAuth.PASSWORD ? null : CLIENT);
    }

    static String token(String clientId) {
        return "eyJ0eXAi.access-token-for-" + clientId;
    }

    /**
     * Camel's Microsoft authenticator on a stand-in for Entra ID's token endpoint: a token for the registered tenant,
     * client id and secret; Entra's own error otherwise.
     */
    static MailAuthenticator entraStandIn(Mailbox mailbox, String clientSecret) {
        IConfidentialClientApplication app = (IConfidentialClientApplication) Proxy.newProxyInstance(
                MailboxOAuthTest.class.getClassLoader(), new Class<?>[] {IConfidentialClientApplication.class},
                (proxy, method, args) -> {
                    if (!method.getName().equals("acquireToken")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    ClientCredentialParameters parameters = (ClientCredentialParameters) args[0];
                    assertThat(parameters.scopes()).containsExactly("https://outlook.office365.com/.default");
                    if (!TENANT.equals(mailbox.oauthTenantId()) || !CLIENT.equals(mailbox.oauthClientId())
                            || !CLIENT_SECRET.equals(clientSecret)) {
                        return CompletableFuture.failedFuture(new IllegalStateException(
                                "AADSTS7000215: Invalid client secret provided."));
                    }
                    return CompletableFuture.completedFuture(result(token(mailbox.oauthClientId())));
                });
        return new MicrosoftExchangeOnlineOAuth2MailAuthenticator(mailbox.username(), app,
                ClientCredentialParameters.builder(Set.of("https://outlook.office365.com/.default")).build());
    }

    private static IAuthenticationResult result(String accessToken) {
        return (IAuthenticationResult) Proxy.newProxyInstance(MailboxOAuthTest.class.getClassLoader(),
                new Class<?>[] {IAuthenticationResult.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "accessToken" -> accessToken;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    /** Stands for mailboxReader: records the subject of each mail the route hands over. */
    public static final class Recorder {
        private final List<String> subjects;

        Recorder(List<String> subjects) {
            this.subjects = subjects;
        }

        /** Nothing to hand on: these tests' Camel has no pipeline behind the mailbox routes. */
        public List<Object> read(Exchange exchange, String mailboxId) throws Exception {
            Message message = exchange.getIn(MailMessage.class).getOriginalMessage();
            subjects.add(message.getSubject());
            MailboxReader.stored(exchange, mailboxId, message);
            return List.of();
        }
    }
}
