package io.einvoice.gateway.dispatch.pa;

import com.fasterxml.jackson.databind.JsonNode;
import io.einvoice.gateway.archive.Sha256;
import io.einvoice.gateway.dispatch.DispatchOutcome;
import io.einvoice.gateway.dossier.DossierRepository;

import java.util.List;
import java.util.Optional;

/**
 * The PA channel of sales invoices (issue 17 §2): a buyer the dossier marked as reached through its PA gets the
 * invoice as a Factur-X flow ({@code processingRule} B2B, the sales document's id as {@code trackingId}). The flow is
 * recorded; its acknowledgement and statuses come later through {@link PaFollower}.
 */
public class PaDispatcher {

    private final PaApi api;
    private final PaAccounts accounts;
    private final PaFlows flows;
    private final DossierRepository dossiers;

    public PaDispatcher(PaApi api, PaAccounts accounts, PaFlows flows, DossierRepository dossiers) {
        this.api = api;
        this.accounts = accounts;
        this.flows = flows;
        this.dossiers = dossiers;
    }

    /** The dossiers that have a PA account. */
    public List<String> dossiersWithAccount() {
        return accounts.withAccount();
    }

    public boolean hasAccount(String dossierId) {
        return accounts.find(dossierId).isPresent();
    }

    /** Whether this dossier has a PA account and reaches this buyer (SIREN) through it. */
    public boolean reaches(String dossierId, String buyerSiren) {
        return accounts.reaches(dossierId, buyerSiren);
    }

    /** The account's credentials for a call, the secret decrypted; empty when the dossier has no PA account. */
    public Optional<PaApi.Credentials> credentials(String dossierId) {
        return accounts.find(dossierId).map(a -> new PaApi.Credentials(a.baseUrl(), a.tokenUrl(), a.clientId(),
                accounts.clientSecret(dossierId), a.organizationId()));
    }

    /**
     * Posts an e-reporting flow (flowSyntax FRR) once, the report id as trackingId, and records it so that its
     * acknowledgement is followed like any flow we posted.
     *
     * @return the PA's flow id
     */
    public String sendReport(String dossierId, String reportId, String fileName, String processingRule, String flowType,
                             byte[] xml) throws PaException {
        PaApi.Credentials c = credentials(dossierId).orElseThrow(() -> new PaException(PaException.Kind.REFUSED,
                "the dossier has no PA account: set it (PUT /api/dossiers/{siren}/pa), then send the report again"));
        JsonNode flow = api.submitOnce(c, new PaApi.FlowInfo(fileName, "FRR", null, processingRule, reportId, Sha256.of(xml)),
                xml);
        String flowId = flow.path("flowId").asText("");
        if (flowId.isEmpty() || flowId.length() > 100) {
            throw new PaException(PaException.Kind.UNAVAILABLE, "the PA took the report but its answer has no usable flowId;"
                    + " the next attempt finds it by its trackingId");
        }
        flows.record(new PaFlows.Flow(flowId, dossierId, null, PaFlows.OUT, flowType, reportId, null,
                flow.at("/acknowledgement/status").asText("Pending"), null));
        return flowId;
    }

    public DispatchOutcome send(String dossierId, String documentId, String fileName, byte[] facturX) {
        Optional<PaApi.Credentials> credentials = credentials(dossierId);
        if (credentials.isEmpty()) {
            return DispatchOutcome.failed(true, null, "NO_PA_ACCOUNT", List.of("the dossier has no PA account: set it"
                    + " (PUT /api/dossiers/{siren}/pa), then replay"));
        }
        try {
            JsonNode flow = api.submitOnce(credentials.get(), new PaApi.FlowInfo(fileName, "Factur-X", null, "B2B",
                    documentId, Sha256.of(facturX)), facturX);
            String flowId = flow.path("flowId").asText("");
            if (flowId.isEmpty() || flowId.length() > 100) {
                return DispatchOutcome.failed(true, null, null, List.of("the PA took the flow but its answer has no usable"
                        + " flowId; the next attempt finds it by its trackingId"));
            }
            String status = flow.at("/acknowledgement/status").asText("Pending");
            flows.record(new PaFlows.Flow(flowId, dossierId, documentId, PaFlows.OUT, "CustomerInvoice", documentId, null,
                    status, null));
            return DispatchOutcome.delivered(flowId, status);
        } catch (PaException e) {
            String fix = e.kind() == PaException.Kind.AUTH || e.kind() == PaException.Kind.HOST_REFUSED
                    ? "; fix the PA account (PUT /api/dossiers/" + dossiers.sirenForLogs(dossierId) + "/pa), then replay" : "";
            return DispatchOutcome.failed(e.kind() != PaException.Kind.REFUSED, null, e.kind().name(),
                    List.of(e.getMessage() + fix));
        }
    }
}
