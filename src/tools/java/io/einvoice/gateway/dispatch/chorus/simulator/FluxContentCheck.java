package io.einvoice.gateway.dispatch.chorus.simulator;

import io.einvoice.gateway.dispatch.chorus.ChorusInvoiceFacts;
import org.apache.commons.validator.routines.IBANValidator;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The content rules Chorus Pro applies to a deposited invoice, reported in {@code listeErreurDP} of the flux report
 * (doc §3.1 and §5). Two texts are quoted from the doc (invoice number length, payment means code, unknown supplier);
 * the others are written in the same style — the AIFE error catalogue is not available (doc §4.3).
 */
final class FluxContentCheck {

    private static final Set<String> CREDIT_TRANSFER = Set.of("30", "58");
    private static final int MAX_TEXT = 200;

    private final Function<String, SimulatedStructure> structures;

    FluxContentCheck(Function<String, SimulatedStructure> structures) {
        this.structures = structures;
    }

    List<String> errors(ChorusInvoiceFacts invoice, Set<String> accountSuppliers) {
        List<String> errors = new ArrayList<>();
        SimulatedStructure seller = invoice.sellerSiret() == null ? null : structures.apply(invoice.sellerSiret());
        if (seller == null || !accountSuppliers.contains(invoice.sellerSiret())) {
            // doc's sample, with the CII element instead of the UBL one
            errors.add("L'identifiant fournisseur de la demande de paiement (balise : SellerTradeParty.GlobalID.value) n'est pas"
                    + " reference dans notre systeme.");
        }
        SimulatedStructure buyer = invoice.buyerSiret() == null ? null : structures.apply(invoice.buyerSiret());
        if (buyer == null || !buyer.publicEntity()) {
            errors.add("L'identifiant destinataire de la demande de paiement (balise : BuyerTradeParty.GlobalID.value) n'est pas"
                    + " reference dans notre systeme.");
        }
        String number = invoice.number() == null ? "" : invoice.number();
        if (number.length() > 20) {
            errors.add("Le champ identifiant de la facture (FichierXml.ExchangedDocument.ID.value) ne doit pas depasser 20 caracteres");
        }
        if (!number.matches("[A-Za-z0-9 +_/-]+")) {
            errors.add("Le champ identifiant de la facture (FichierXml.ExchangedDocument.ID.value) contient des caracteres non autorises");
        }
        if (invoice.cadre() == null || !invoice.cadre().matches("A([1-9]|1[0-9]|2[0-5])")) {
            errors.add("Le cadre de facturation (FichierXml.ExchangedDocumentContext.BusinessProcessSpecifiedDocumentContextParameter"
                    + ".ID.value) doit etre une valeur de A1 a A25");
        }
        if (!invoice.creditNote()) {
            if (invoice.paymentMeans().stream().allMatch(m -> m.typeCode() == null)) {
                errors.add("Le champ (FichierXml.SupplyChainTradeTransaction.ApplicableHeaderTradeSettlement"
                        + ".SpecifiedTradeSettlementPaymentMeans.TypeCode.value) est obligatoire");
            }
            for (ChorusInvoiceFacts.PaymentMeans m : invoice.paymentMeans()) {
                if (CREDIT_TRANSFER.contains(m.typeCode())
                        && (m.iban() == null || !IBANValidator.getInstance().isValid(m.iban().replace(" ", "")))) {
                    errors.add("Les coordonnees bancaires du fournisseur doivent etre un IBAN valide"
                            + " (PayeePartyCreditorFinancialAccount.IBANID.value)");
                }
            }
        }
        if (buyer != null && buyer.publicEntity()) {
            recipientErrors(invoice, buyer, errors);
        }
        return errors.stream().map(text -> text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) : text).toList();
    }

    private static void recipientErrors(ChorusInvoiceFacts invoice, SimulatedStructure buyer, List<String> errors) {
        String service = invoice.serviceCode();
        String commitment = invoice.commitment();
        boolean either = buyer.serviceCodeOrCommitment();
        if (!either && buyer.serviceCodeRequired() && service == null) {
            errors.add("Le code service du destinataire est obligatoire pour la structure " + buyer.siret()
                    + " (BuyerReference.value)");
        }
        if (!either && buyer.commitmentRequired() && commitment == null) {
            errors.add("Le numero d'engagement est obligatoire pour la structure " + buyer.siret()
                    + " (BuyerOrderReferencedDocument.IssuerAssignedID.value)");
        }
        if (either && service == null && commitment == null) {
            errors.add("Le code service ou le numero d'engagement est obligatoire pour la structure " + buyer.siret());
        }
        if (service != null) {
            var match = buyer.services().stream().filter(s -> s.code().equals(service)).findFirst();
            if ("FACTURES_PUBLIQUES".equals(service)) {
                errors.add("Le service FACTURES_PUBLIQUES est reserve aux factures entre entites publiques");
            } else if (match.isEmpty()) {
                errors.add("Le code service " + service + " n'existe pas pour la structure " + buyer.siret());
            } else if (!match.get().active()) {
                errors.add("Le service " + service + " de la structure " + buyer.siret() + " est inactif");
            }
        }
    }
}
