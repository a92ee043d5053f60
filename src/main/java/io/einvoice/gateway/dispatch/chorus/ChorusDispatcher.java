package io.einvoice.gateway.dispatch.chorus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.einvoice.gateway.archive.Sha256;
import io.einvoice.gateway.dispatch.DispatchOutcome;
import io.einvoice.gateway.facturx.UnreadableInvoiceException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.backoff.BackOffExecution;
import org.springframework.util.backoff.ExponentialBackOff;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Sends a Factur-X to Chorus Pro and follows it to payment (doc chorus-pro-and-reform §3–§5).
 *
 * <p>Entry points for the sales flow:
 * <ul>
 *   <li>{@link #send(String, String, byte[])}: pre-checks (invoice, then the buyer's structure through the structure
 *   search), records the attempt, deposits ({@code deposer/flux}, {@code IN_DP_E2_CII_FACTURX}), reads the flux report
 *   ({@code consulterCRDetaille}) a few times; returns a {@link DispatchOutcome}. A second send of the same invoice
 *   number for the same dossier never deposits again while an earlier attempt stands for it.</li>
 *   <li>{@link #followUp(ChorusAttempt)} / {@link #followUpAll()}: one step of follow-up (flux report until integrated or
 *   rejected, then {@code consulter/historique} until MISE_EN_PAIEMENT), for a timer route.</li>
 *   <li>{@link #reconcileAtStart()}: resolves attempts left PENDING by a crash or a lost answer, by searching the invoice
 *   number ({@code rechercher/fournisseur}) before anything is deposited again.</li>
 * </ul>
 * Transient failures (unreachable, 5xx, timeouts of reads) are retried with exponential backoff; a deposit whose answer
 * was lost is never repeated blindly; business rejections are not retried.
 */
public final class ChorusDispatcher {

    public static final String SYNTAX = "IN_DP_E2_CII_FACTURX";
    /** Status after which Chorus Pro says nothing more about the payment (OCA stops there too). */
    public static final String PAID_STATUS = "MISE_EN_PAIEMENT";
    static final Set<String> PENDING_FLUX = Set.of("IN_DEPOT_PORTAIL_EN_ATTENTE_TRAITEMENT_SE_CPP", "IN_RECU", "IN_TRAITE_SE_CPP",
            "IN_EN_ATTENTE_TRAITEMENT_CPP", "IN_EN_COURS_TRAITEMENT_CPP", "IN_EN_ATTENTE_RETRAITEMENT_CPP");
    static final Set<String> FINAL_INVOICE_STATUSES = Set.of("REJETEE", "ABANDONNEE", "SUPPRIMEE");

    private static final Logger LOG = LoggerFactory.getLogger(ChorusDispatcher.class);

    private final ChorusApi api;
    private final ChorusAttempts attempts;
    private final ChorusAccounts accounts;
    private final ChorusPreChecks preChecks = new ChorusPreChecks();
    private final Clock clock;

    public ChorusDispatcher(ChorusApi api, ChorusAttempts attempts, ChorusAccounts accounts, Clock clock) {
        this.api = api;
        this.attempts = attempts;
        this.accounts = accounts;
        this.clock = clock;
    }

    /** Sends with the dossier's stored credentials. */
    public DispatchOutcome send(String dossierId, String documentId, byte[] facturX) {
        Optional<ChorusCredentials> credentials = accounts.find(dossierId);
        if (credentials.isEmpty()) {
            return DispatchOutcome.failed(true, null, null, List.of("no Chorus Pro account configured for this dossier"));
        }
        return send(dossierId, documentId, facturX, credentials.get());
    }

    public DispatchOutcome send(String dossierId, String documentId, byte[] facturX, ChorusCredentials credentials) {
        ChorusInvoiceFacts invoice;
        try {
            invoice = ChorusInvoiceFacts.fromFacturX(facturX);
        } catch (UnreadableInvoiceException e) {
            return refused(dossierId, documentId, List.of("not sendable to Chorus Pro: " + e.getMessage()));
        }
        List<String> reasons = preChecks.checkInvoice(invoice);
        if (!reasons.isEmpty()) {
            return refused(dossierId, documentId, reasons);
        }
        Optional<ChorusAttempt> holding = attempts.findHolding(dossierId, invoice.number());
        if (holding.isPresent()) {
            ChorusAttempt earlier = holding.get();
            LOG.info("chorus dossier {} document {}: invoice {} already on attempt {} ({}), not deposited again", dossierId,
                    documentId, invoice.number(), earlier.id(), earlier.state());
            return outcome(earlier.state() == ChorusAttempt.State.PENDING ? reconcile(earlier, credentials) : earlier);
        }
        try {
            reasons = preChecks.checkRecipient(invoice, withRetry(() -> structure(credentials, invoice.buyerSiret())));
        } catch (ChorusCallException e) {
            LOG.warn("chorus dossier {} document {}: structure lookup failed: {}", dossierId, documentId, e.getMessage());
            return DispatchOutcome.failed(retryFeasible(e), null, null, List.of(e.getMessage()));
        }
        if (!reasons.isEmpty()) {
            return refused(dossierId, documentId, reasons);
        }
        ChorusAttempt attempt = attempts.recordPending(dossierId, documentId, invoice.number(), Sha256.of(facturX));
        LOG.info("chorus dossier {} document {}: depositing invoice {} (attempt {})", dossierId, documentId, invoice.number(),
                attempt.id());
        Deposit deposit = deposit(attempt, invoice, facturX, credentials);
        if (deposit.outcome() != null) {
            return deposit.outcome();
        }
        attempt = deposit.attempt();
        for (int poll = 0; poll < api.settings().pollsPerSend() && attempt.state() == ChorusAttempt.State.DEPOSITED; poll++) {
            pause(api.settings().pollInterval().toMillis());
            attempt = followUp(attempt, credentials);
        }
        return outcome(attempt);
    }

    /** One follow-up step with the dossier's stored credentials. */
    public ChorusAttempt followUp(ChorusAttempt attempt) {
        return accounts.find(attempt.dossierId()).map(credentials -> followUp(attempt, credentials)).orElse(attempt);
    }

    /**
     * One step: a deposited flux gets its report read; an integrated invoice its status history. Call failures leave
     * the attempt as it was (logged), to be tried on the next round.
     */
    public ChorusAttempt followUp(ChorusAttempt attempt, ChorusCredentials credentials) {
        try {
            return switch (attempt.state()) {
                case PENDING -> reconcile(attempt, credentials);
                case DEPOSITED -> readFluxReport(attempt, credentials);
                case INTEGRATED -> readHistory(attempt, credentials);
                default -> attempt;
            };
        } catch (ChorusCallException e) {
            LOG.warn("chorus dossier {} document {}: follow-up of attempt {} failed: {}", attempt.dossierId(),
                    attempt.documentId(), attempt.id(), e.getMessage());
            return attempt;
        }
    }

    /** Every attempt still moving, one step each; for a timer route. Returns the attempts after the step. */
    public List<ChorusAttempt> followUpAll() {
        List<ChorusAttempt> after = new ArrayList<>();
        for (ChorusAttempt attempt : attempts.inStates(ChorusAttempt.State.PENDING, ChorusAttempt.State.DEPOSITED,
                ChorusAttempt.State.INTEGRATED)) {
            after.add(followUp(attempt));
        }
        return after;
    }

    /** At start: attempts left PENDING (crash or lost answer during a deposit) are looked up before anything else. */
    public List<ChorusAttempt> reconcileAtStart() {
        List<ChorusAttempt> after = new ArrayList<>();
        for (ChorusAttempt attempt : attempts.inStates(ChorusAttempt.State.PENDING)) {
            after.add(followUp(attempt));
        }
        return after;
    }

    public Optional<ChorusAttempt> attempt(String id) {
        return attempts.find(id);
    }

    /** What an attempt amounts to, for the document and the API. */
    public static DispatchOutcome outcome(ChorusAttempt attempt) {
        return switch (attempt.state()) {
            case PENDING -> DispatchOutcome.failed(true, null, "UNACKNOWLEDGED", merge(attempt.reasons(),
                    "deposit not acknowledged by Chorus Pro; looked up by invoice number before any new deposit"));
            case DEPOSITED -> DispatchOutcome.delivered(attempt.fluxNumber(), attempt.fluxState());
            case INTEGRATED, PAID -> DispatchOutcome.delivered(attempt.fluxNumber(), attempt.chorusStatus());
            // IN_INCIDENTE: the exchange system did not process the flux; the doc says resend it whole
            case REJECTED -> DispatchOutcome.failed("IN_INCIDENTE".equals(attempt.fluxState()), attempt.fluxNumber(),
                    attempt.chorusStatus() != null ? attempt.chorusStatus() : attempt.fluxState(), attempt.reasons());
            case FAILED -> DispatchOutcome.failed(true, null, null, attempt.reasons());
        };
    }

    private record Deposit(ChorusAttempt attempt, DispatchOutcome outcome) {
    }

    private Deposit deposit(ChorusAttempt attempt, ChorusInvoiceFacts invoice, byte[] facturX, ChorusCredentials credentials) {
        ObjectNode body = ChorusApi.JSON.createObjectNode()
                .put("fichierFlux", Base64.getEncoder().encodeToString(facturX))
                .put("nomFichier", fileName(invoice.number()))
                .put("syntaxeFlux", SYNTAX)
                .put("avecSignature", false);
        BackOffExecution backoff = backOff();
        for (int call = 1; ; call++) {
            try {
                JsonNode answer = api.post(credentials, "factures/v1/deposer/flux", body);
                String flux = answer.path("numeroFluxDepot").asText("");
                if (flux.isEmpty()) {
                    // the doc: an empty numeroFluxDepot is a failure even with codeRetour 0
                    return failedDeposit(attempt, false, "Chorus Pro accepted the deposit without a flux number");
                }
                ChorusAttempt deposited = attempts.update(attempt.with(ChorusAttempt.State.DEPOSITED, flux,
                        "IN_DEPOT_PORTAIL_EN_ATTENTE_TRAITEMENT_SE_CPP", null, null, List.of()));
                LOG.info("chorus dossier {} document {}: invoice {} deposited as flux {}", attempt.dossierId(),
                        attempt.documentId(), invoice.number(), flux);
                return new Deposit(deposited, null);
            } catch (ChorusCallException e) {
                // The doc is silent on whether a 5xx can follow a registered flux. Taken here: 500/502/503/429 mean the
                // deposit was not registered (it is a single synchronous call returning the flux number), so it is
                // repeated; a 504 (the gateway gave up waiting on Chorus) and a timeout may hide a registered flux.
                boolean mayHaveLanded = e.kind() == ChorusCallException.Kind.TIMEOUT || e.httpStatus() == 504;
                if (mayHaveLanded) {
                    // the request left and no answer came: depositing again could make a duplicate. The attempt stays
                    // PENDING; follow-up and start-up look the number up before anything is deposited again.
                    attempt = attempts.update(attempt.with(ChorusAttempt.State.PENDING, null, null, null, null,
                            List.of(e.getMessage())));
                    LOG.warn("chorus dossier {} document {}: deposit of {} unacknowledged: {}", attempt.dossierId(),
                            attempt.documentId(), invoice.number(), e.getMessage());
                    return new Deposit(attempt, outcome(attempt));
                }
                if (!e.kind().isTransient()) {
                    return failedDeposit(attempt, retryFeasible(e), e.getMessage());
                }
                if (call >= api.settings().retryAttempts()) {
                    return failedDeposit(attempt, true, e.getMessage() + " (gave up after " + call + " calls)");
                }
                long wait = backoff.nextBackOff();
                LOG.warn("chorus dossier {} document {}: deposit call {} failed ({}), again in {} ms", attempt.dossierId(),
                        attempt.documentId(), call, e.getMessage(), wait);
                pause(wait);
            }
        }
    }

    private Deposit failedDeposit(ChorusAttempt attempt, boolean retryFeasible, String reason) {
        ChorusAttempt failed = attempts.update(attempt.with(ChorusAttempt.State.FAILED, null, null, null, null,
                List.of(reason)));
        LOG.warn("chorus dossier {} document {}: deposit of {} failed: {}", attempt.dossierId(), attempt.documentId(),
                attempt.invoiceNumber(), reason);
        return new Deposit(failed, DispatchOutcome.failed(retryFeasible, null, null, List.of(reason)));
    }

    private ChorusAttempt readFluxReport(ChorusAttempt attempt, ChorusCredentials credentials) throws ChorusCallException {
        ObjectNode body = ChorusApi.JSON.createObjectNode().put("numeroFluxDepot", attempt.fluxNumber()).put("syntaxeFlux", SYNTAX);
        JsonNode report = withRetry(() -> api.post(credentials, "transverses/v1/consulterCRDetaille", body));
        String state = report.path("etatCourantDepotFlux").asText("");
        List<String> errors = fluxErrors(report, attempt.invoiceNumber());
        ChorusAttempt next;
        if ("IN_INTEGRE".equals(state) || ("IN_INTEGRE_PARTIEL".equals(state) && errors.isEmpty())) {
            Optional<JsonNode> listed = findInvoice(credentials, "numeroFluxDepot", attempt.fluxNumber(), attempt.invoiceNumber());
            if (listed.isEmpty()) {
                // integrated but not listed yet: read the report again next round
                return attempt;
            }
            next = integrated(attempt, listed.get());
        } else if (state.equals("IN_REJETE") || state.equals("IN_INCIDENTE") || state.equals("IN_INTEGRE_PARTIEL")) {
            next = attempt.with(ChorusAttempt.State.REJECTED, attempt.fluxNumber(), state, null, null,
                    errors.isEmpty() ? List.of("flux " + state) : errors);
        } else {
            if (!PENDING_FLUX.contains(state)) {
                LOG.warn("chorus flux {}: unknown state '{}', still followed", attempt.fluxNumber(), state);
            }
            next = attempt.with(ChorusAttempt.State.DEPOSITED, attempt.fluxNumber(), state, null, null, List.of());
        }
        next = attempts.update(next);
        LOG.info("chorus dossier {} document {}: flux {} is {} → attempt {}", attempt.dossierId(), attempt.documentId(),
                attempt.fluxNumber(), state, next.state());
        return next;
    }

    private ChorusAttempt readHistory(ChorusAttempt attempt, ChorusCredentials credentials) throws ChorusCallException {
        ObjectNode body = ChorusApi.JSON.createObjectNode().put("idFacture", attempt.chorusInvoiceId());
        JsonNode history = withRetry(() -> api.post(credentials, "factures/v1/consulter/historique", body));
        String status = history.path("statutCourantCode").asText(attempt.chorusStatus());
        if (status.equals(attempt.chorusStatus())) {
            return attempt;
        }
        ChorusAttempt next = attempts.update(statusReached(attempt, status, comment(history, status)));
        LOG.info("chorus dossier {} document {}: invoice {} is now {}", attempt.dossierId(), attempt.documentId(),
                attempt.invoiceNumber(), status);
        return next;
    }

    /** A PENDING attempt: is the invoice on Chorus Pro after all? */
    private ChorusAttempt reconcile(ChorusAttempt attempt, ChorusCredentials credentials) {
        Optional<JsonNode> listed;
        try {
            listed = findInvoice(credentials, "numeroFacture", attempt.invoiceNumber(), attempt.invoiceNumber());
        } catch (ChorusCallException e) {
            LOG.warn("chorus dossier {}: cannot reconcile attempt {} now: {}", attempt.dossierId(), attempt.id(), e.getMessage());
            return attempt;
        }
        ChorusAttempt next;
        if (listed.isPresent()) {
            next = integrated(attempt, listed.get());
            LOG.info("chorus dossier {} document {}: unacknowledged deposit of {} found as flux {}", attempt.dossierId(),
                    attempt.documentId(), attempt.invoiceNumber(), next.fluxNumber());
        } else if (attempt.createdAt().plus(api.settings().uncertainGrace()).isBefore(OffsetDateTime.now(clock))) {
            next = attempt.with(ChorusAttempt.State.FAILED, null, null, null, null, List.of("deposit of "
                    + attempt.invoiceNumber() + " not found on Chorus Pro " + api.settings().uncertainGrace()
                    + " after the attempt: it was not taken, the invoice may be sent again"));
            LOG.info("chorus dossier {} document {}: unacknowledged deposit of {} never arrived", attempt.dossierId(),
                    attempt.documentId(), attempt.invoiceNumber());
        } else {
            return attempt;
        }
        return attempts.update(next);
    }

    private ChorusAttempt integrated(ChorusAttempt attempt, JsonNode listed) {
        ChorusAttempt withId = attempt.with(ChorusAttempt.State.INTEGRATED, listed.path("numeroFluxDepot").asText(attempt.fluxNumber()),
                "IN_INTEGRE", listed.path("identifiantFactureCPP").asLong(), null, List.of());
        return statusReached(withId, listed.path("statut").asText(""), listed.path("commentaireEtatCourant").asText(null));
    }

    private static ChorusAttempt statusReached(ChorusAttempt attempt, String status, String comment) {
        ChorusAttempt.State state = PAID_STATUS.equals(status) ? ChorusAttempt.State.PAID
                : FINAL_INVOICE_STATUSES.contains(status) ? ChorusAttempt.State.REJECTED : ChorusAttempt.State.INTEGRATED;
        List<String> reasons = state == ChorusAttempt.State.REJECTED && comment != null ? List.of(comment) : List.of();
        return attempt.with(state, attempt.fluxNumber(), attempt.fluxState(), attempt.chorusInvoiceId(), status, reasons);
    }

    /** rechercher/fournisseur by one filter, every page (default page size is 10: doc §4.2). */
    private Optional<JsonNode> findInvoice(ChorusCredentials credentials, String filter, String value, String number)
            throws ChorusCallException {
        for (int page = 1; ; page++) {
            ObjectNode body = ChorusApi.JSON.createObjectNode().put(filter, value);
            body.putObject("rechercheFactureParFournisseur").put("pageResultatDemandee", page).put("nbResultatsParPage", 100)
                    .put("triColonne", "IdentifiantFactureCPP").put("triSens", "Descendant");
            JsonNode answer = withRetry(() -> api.post(credentials, "factures/v1/rechercher/fournisseur", body));
            for (JsonNode invoice : answer.path("listeFactures")) {
                if (number.equals(invoice.path("numeroFacture").asText())) {
                    return Optional.of(invoice);
                }
            }
            if (page >= answer.path("parametresRetour").path("pages").asInt(1)) {
                return Optional.empty();
            }
        }
    }

    /**
     * Whether Chorus Pro knows this SIRET as a public structure (structure search, then its details), asked with the
     * dossier's account; false when the dossier has none (it could not send there anyway).
     *
     * @throws ChorusCallException when Chorus Pro could not be asked (after retries of transient failures)
     */
    public boolean isPublicStructure(String dossierId, String siret) throws ChorusCallException {
        Optional<ChorusCredentials> credentials = accounts.find(dossierId);
        if (credentials.isEmpty() || siret == null) {
            return false;
        }
        ObjectNode search = ChorusApi.JSON.createObjectNode().put("restreindreStructuresPrivees", false);
        search.putObject("structure").put("identifiantStructure", siret).put("typeIdentifiantStructure", "SIRET");
        JsonNode found = withRetry(() -> api.post(credentials.get(), "structures/v1/rechercher", search)).path("listeStructures");
        if (found.isEmpty()) {
            return false;
        }
        ObjectNode consult = ChorusApi.JSON.createObjectNode().put("idStructureCPP", found.get(0).path("idStructureCPP").asLong())
                .put("codeLangue", "fr");
        JsonNode structure = withRetry(() -> api.post(credentials.get(), "structures/v1/consulter", consult));
        return "PUBLIQUE".equals(structure.path("informationGenerales").path("structurePriveePublique").asText());
    }

    /** The buyer's structure and what it demands; null when Chorus Pro does not know the SIRET. */
    private StructureRules structure(ChorusCredentials credentials, String siret) throws ChorusCallException {
        ObjectNode search = ChorusApi.JSON.createObjectNode().put("restreindreStructuresPrivees", false);
        search.putObject("structure").put("identifiantStructure", siret).put("typeIdentifiantStructure", "SIRET");
        JsonNode found = api.post(credentials, "structures/v1/rechercher", search).path("listeStructures");
        if (found.isEmpty()) {
            return null;
        }
        long id = found.get(0).path("idStructureCPP").asLong();
        JsonNode structure = api.post(credentials, "structures/v1/consulter",
                ChorusApi.JSON.createObjectNode().put("idStructureCPP", id).put("codeLangue", "fr"));
        ObjectNode servicesQuery = ChorusApi.JSON.createObjectNode().put("idStructure", id);
        servicesQuery.putObject("parametresRechercherServicesStructure").put("nbResultatsParPage", 10000);
        Map<String, Boolean> services = new LinkedHashMap<>();
        for (JsonNode service : api.post(credentials, "structures/v1/rechercher/services", servicesQuery).path("listeServices")) {
            services.put(service.path("codeService").asText(), service.path("estActif").asBoolean());
        }
        JsonNode flags = structure.path("parametres");
        return new StructureRules(id, siret, structure.path("informationGenerales").path("raisonSocialeStructure").asText(siret),
                flags.path("codeServiceDoitEtreRenseigne").asBoolean(), flags.path("numeroEJDoitEtreRenseigne").asBoolean(),
                flags.path("gestionNumeroEJOuCodeService").asBoolean(), services);
    }

    private static List<String> fluxErrors(JsonNode report, String number) {
        List<String> errors = new ArrayList<>();
        for (JsonNode error : report.path("listeErreurDP")) {
            String dp = error.path("numeroDP").asText("");
            if (dp.isEmpty() || dp.equals(number)) {
                errors.add(error.path("libelleErreurDP").asText());
            }
        }
        for (JsonNode error : report.path("listeErreurTechnique")) {
            errors.add(error.path("libelleErreur").asText() + " (" + error.path("codeErreur").asText() + ")");
        }
        return errors;
    }

    /** The comment of the latest passage into {@code status}; the doc does not say in which order histoStatut comes. */
    private static String comment(JsonNode history, String status) {
        String comment = null;
        long latest = Long.MIN_VALUE;
        for (JsonNode entry : history.path("historiquesDesStatuts").path("histoStatut")) {
            long id = entry.path("histoStatutId").asLong(0);
            if (status.equals(entry.path("histoStatutCode").asText()) && (comment == null || id > latest)) {
                comment = entry.path("histoStatutCommentaire").asText(null);
                latest = id;
            }
        }
        return comment;
    }

    private interface Call<T> {
        T run() throws ChorusCallException;
    }

    /** Reads only: repeating them is harmless. */
    private <T> T withRetry(Call<T> call) throws ChorusCallException {
        BackOffExecution backoff = backOff();
        for (int attempt = 1; ; attempt++) {
            try {
                return call.run();
            } catch (ChorusCallException e) {
                if (!e.kind().isTransient() || attempt >= api.settings().retryAttempts()) {
                    throw e;
                }
                long wait = backoff.nextBackOff();
                LOG.warn("chorus call failed ({}), again in {} ms", e.getMessage(), wait);
                pause(wait);
            }
        }
    }

    private BackOffExecution backOff() {
        return new ExponentialBackOff(api.settings().retryInitial().toMillis(), 2.0).start();
    }

    private static boolean retryFeasible(ChorusCallException e) {
        // credentials or subscription to fix: the same invoice can go once they are
        return e.kind().isTransient() || e.kind() == ChorusCallException.Kind.AUTH_REFUSED
                || e.kind() == ChorusCallException.Kind.NOT_SUBSCRIBED;
    }

    private static DispatchOutcome refused(String dossierId, String documentId, List<String> reasons) {
        LOG.info("chorus dossier {} document {}: not sent, pre-checks failed: {}", dossierId, documentId, reasons);
        return DispatchOutcome.failed(false, null, null, reasons);
    }

    private static List<String> merge(List<String> reasons, String extra) {
        List<String> all = new ArrayList<>(reasons);
        all.add(extra);
        return all;
    }

    private static String fileName(String number) {
        return "facturx-" + number.replaceAll("[^A-Za-z0-9_-]", "_") + ".pdf";
    }


    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
