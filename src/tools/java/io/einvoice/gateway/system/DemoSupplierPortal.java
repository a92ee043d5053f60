package io.einvoice.gateway.system;

import io.einvoice.gateway.connector.Connector;
import io.einvoice.gateway.connector.ConnectorKind;
import io.einvoice.gateway.connector.ConnectorRequest;
import io.einvoice.gateway.connector.Connectors;
import io.einvoice.gateway.connector.PortalSettings;
import io.einvoice.gateway.connector.simulator.MockSupplierPortal;
import io.einvoice.gateway.dossier.Dossier;
import io.einvoice.gateway.dossier.DossierRepository;
import io.einvoice.gateway.facturx.SampleInvoices;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;

/**
 * The demo's supplier "Fournisseur Télécom": its web portal ({@link MockSupplierPortal}, on this machine, a new port
 * at each start) publishing two invoices to DEMONSTRATION, and the PORTAL connector of DEMONSTRATION that reads it,
 * created once and pointed at the portal's new address at each start (its id, hence what it already fetched, kept).
 */
public final class DemoSupplierPortal implements AutoCloseable {

    public static final String CONNECTOR_NAME = "Fournisseur Télécom";
    /** The demo portal's password: a local mock, its invoices are samples. */
    static final String PASSWORD = "demo-portail-telecom";
    static final SampleInvoices.Seller SUPPLIER = SampleInvoices.Seller.of("Fournisseur Télécom", "552100554");
    private static final Logger LOG = LoggerFactory.getLogger(DemoSupplierPortal.class);

    private final MockSupplierPortal portal;
    private final Connector connector;

    private DemoSupplierPortal(MockSupplierPortal portal, Connector connector) {
        this.portal = portal;
        this.connector = connector;
    }

    /** The portal started with its first invoices, and the connector of DEMONSTRATION made or re-pointed. */
    public static DemoSupplierPortal start(Connectors connectors, DossierRepository dossiers) throws IOException {
        MockSupplierPortal portal = MockSupplierPortal.start(0, PASSWORD, 100);
        try {
            portal.publish("TEL-2026-01", "2026-01-31", SampleInvoices.facturXPdf("TEL-2026-01", SUPPLIER));
            portal.publish("TEL-2026-02", "2026-02-28", SampleInvoices.facturXPdf("TEL-2026-02", SUPPLIER));
            Dossier dossier = dossiers.findBySiren(DemoSeeder.DEMO_DOSSIER_SIREN).orElseThrow();
            ConnectorRequest request = new ConnectorRequest(CONNECTOR_NAME, ConnectorKind.PORTAL, 60, PASSWORD,
                    new PortalSettings(portal.baseUrl() + MockSupplierPortal.PORTAL_LOGIN, MockSupplierPortal.PORTAL_USER,
                            null, null, portal.baseUrl() + MockSupplierPortal.PORTAL_LIST,
                            MockSupplierPortal.PORTAL_LINK_PATTERN));
            Connector existing = connectors.repository().ofDossier(dossier.id()).stream()
                    .filter(c -> c.name().equals(CONNECTOR_NAME) && c.kind() == ConnectorKind.PORTAL).findFirst()
                    .orElse(null);
            Connector connector = existing == null ? connectors.service().create(dossier, request)
                    : connectors.service().update(existing, request);
            LOG.info("demo: supplier portal of {} at {}, read by connector {} of DEMONSTRATION", CONNECTOR_NAME,
                    portal.baseUrl(), connector.id());
            return new DemoSupplierPortal(portal, connector);
        } catch (RuntimeException e) {
            portal.close();
            throw e;
        }
    }

    public MockSupplierPortal portal() {
        return portal;
    }

    public Connector connector() {
        return connector;
    }

    @Override
    public void close() {
        portal.close();
    }
}
