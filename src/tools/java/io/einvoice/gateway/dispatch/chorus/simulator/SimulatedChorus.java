package io.einvoice.gateway.dispatch.chorus.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.einvoice.gateway.dispatch.chorus.ChorusInvoiceFacts;
import io.einvoice.gateway.facturx.UnreadableInvoiceException;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The state and operations of the simulated Chorus Pro behind {@link ChorusSimulator}: structures, technical accounts,
 * deposited flux, invoices and their statuses. Thread-safe (every operation is synchronized). Request and response
 * fields follow doc chorus-pro-and-reform §3–§5.
 */
public final class SimulatedChorus {

    static final ObjectMapper JSON = new ObjectMapper();

    public static final String WAITING = "IN_DEPOT_PORTAIL_EN_ATTENTE_TRAITEMENT_SE_CPP";
    public static final String PROCESSING = "IN_EN_COURS_TRAITEMENT_CPP";
    /** Every syntaxeFlux value the doc lists as existing (§3.1); only the Factur-X one is read by the simulator. */
    static final Set<String> SYNTAXES = Set.of("IN_DP_E1_UBL_INVOICE", "IN_DP_E1_CII_16B", "IN_DP_E2_CII_FACTURX",
            "IN_DP_E2_UBL_INVOICE_MIN", "IN_DP_E2_CII_MIN_16B", "IN_DP_E2_CPP_FACTURE_MIN", "IN_DP_E1_XCBL",
            "IN_DP_E1_PES_FACTURE", "IN_DP_E2_PES_FACTURE_MIN", "IN_DP_E1_CII", "IN_DP_E2_CII_MIN");
    /** Statuses the recipient side (admin hook) may set; the doc's supplier-relevant set (§4.2). */
    public static final Set<String> INVOICE_STATUSES = Set.of("DEPOSEE", "EN_COURS_ACHEMINEMENT", "MISE_A_DISPOSITION",
            "PRISE_EN_COMPTE_DESTINATAIRE", "A_RECYCLER", "REJETEE", "SUSPENDUE", "A_COMPLETER", "COMPLETEE", "SERVICE_FAIT",
            "MANDATEE", "MISE_A_DISPOSITION_COMPTABLE", "MISE_EN_PAIEMENT", "COMPTABILISEE");
    /** The doc gives no per-flux limit it trusts (§6: 10 MB claimed, UNCONFIRMED); 120 MB is the invoice + attachments cap. */
    static final int MAX_FILE_BYTES = 120 * 1024 * 1024;
    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    record Answer(int status, ObjectNode body) {
    }

    /** A technical account attached to supplier structures (it deposits) and to recipient structures (it receives). */
    private record Account(String password, Set<String> supplierSirets, Set<String> recipientSirets) {
    }

    private static final class Flux {
        final String number;
        final String fileName;
        final String syntax;
        final String login;
        final byte[] file;
        LocalDate date = LocalDate.now();
        final List<String> errors;
        final List<String> technicalErrors;
        final ChorusInvoiceFacts invoice;
        String state = WAITING;
        OffsetDateTime stateSince = OffsetDateTime.now();
        int reads;

        Flux(String number, String fileName, String syntax, String login, byte[] file, ChorusInvoiceFacts invoice,
             List<String> errors, List<String> technicalErrors) {
            this.number = number;
            this.fileName = fileName;
            this.syntax = syntax;
            this.login = login;
            this.file = file;
            this.invoice = invoice;
            this.errors = errors;
            this.technicalErrors = technicalErrors;
        }
    }

    private record Status(String code, String at, String comment) {
    }

    private static final class Invoice {
        final long id;
        final Flux flux;
        final List<Status> history = new ArrayList<>();
        /** factureTelechargeeParDestinataire: set by the recipient's first download (telecharger/groupe) */
        boolean downloadedByRecipient;
        int recipientDownloads;

        Invoice(long id, Flux flux) {
            this.id = id;
            this.flux = flux;
        }

        String status() {
            return history.get(history.size() - 1).code();
        }
    }

    private final Map<String, SimulatedStructure> structures = new LinkedHashMap<>();
    private final Map<String, Account> accounts = new LinkedHashMap<>();
    private final Map<String, Flux> fluxes = new LinkedHashMap<>();
    private final Map<Long, Invoice> invoices = new LinkedHashMap<>();
    private final FluxContentCheck contentCheck = new FluxContentCheck(structures::get);
    private long fluxCounter = 1;
    private long invoiceCounter = 4_000_001;
    private int readsToResult = 2;

    /** With the qualification recipients of doc §5 and the demo public buyer. */
    public static SimulatedChorus withFixtures() {
        SimulatedChorus chorus = new SimulatedChorus();
        SimulatedStructure.qualificationRecipients().forEach(chorus::addStructure);
        chorus.addStructure(SimulatedStructure.communeDeDemo());
        return chorus;
    }

    public synchronized SimulatedChorus addStructure(SimulatedStructure structure) {
        structures.put(structure.siret(), structure);
        return this;
    }

    /** A technical account attached to these supplier structures (registered as structures if new). */
    public synchronized SimulatedChorus addTechnicalAccount(String login, String password, Map<String, String> suppliersBySiret) {
        suppliersBySiret.forEach((siret, name) -> structures.computeIfAbsent(siret,
                s -> SimulatedStructure.supplier(10_000_000L + structures.size(), s, name)));
        accounts.put(login, new Account(password, Set.copyOf(suppliersBySiret.keySet()), Set.of()));
        return this;
    }

    /**
     * A technical account of public recipients (rattachée to these structures, which must exist): it searches and
     * downloads the invoices they receive ({@code rechercher/recipiendaire}, {@code telecharger/groupe}).
     */
    public synchronized SimulatedChorus addRecipientAccount(String login, String password, Set<String> recipientSirets) {
        for (String siret : recipientSirets) {
            if (!structures.containsKey(siret)) {
                throw new IllegalArgumentException("no structure " + siret);
            }
        }
        accounts.put(login, new Account(password, Set.of(), Set.copyOf(recipientSirets)));
        return this;
    }

    /** How many report reads ({@code consulterCRDetaille}) a flux takes to reach its final state; default 2. */
    public synchronized void setReadsToResult(int reads) {
        this.readsToResult = reads;
    }

    synchronized boolean accountValid(String login, String password) {
        Account account = accounts.get(login);
        return account != null && account.password().equals(password);
    }

    // ---- factures ----

    synchronized Answer deposit(String login, JsonNode request) {
        String fileName = request.path("nomFichier").asText("");
        String syntax = request.path("syntaxeFlux").asText("");
        byte[] file;
        try {
            file = Base64.getDecoder().decode(request.path("fichierFlux").asText(""));
        } catch (IllegalArgumentException e) {
            return error(400, 20001, "Le fichier (fichierFlux) n'est pas encode en base64");
        }
        if (file.length == 0) {
            return error(400, 20001, "Le fichier (fichierFlux) est vide");
        }
        if (!SYNTAXES.contains(syntax)) {
            return error(400, 20001, "La syntaxe du flux (syntaxeFlux) " + syntax + " n'est pas valide");
        }
        if (fileName.isEmpty() || fileName.length() > 200) {
            return error(400, 20001, "Le nom du fichier (nomFichier) est obligatoire et ne doit pas depasser 200 caracteres");
        }
        if (file.length > MAX_FILE_BYTES) {
            return error(400, 20001, "GDP_MSG_11.022 - Fichier trop volumineux");
        }
        String number = String.format("CPP0011117%015d", fluxCounter++);
        ChorusInvoiceFacts invoice = null;
        List<String> errors = List.of();
        List<String> technical = List.of();
        if (!syntax.equals("IN_DP_E2_CII_FACTURX")) {
            technical = List.of("Le simulateur ne lit que les flux IN_DP_E2_CII_FACTURX");
        } else {
            try {
                invoice = ChorusInvoiceFacts.fromFacturX(file);
                errors = contentCheck.errors(invoice, accounts.get(login).supplierSirets());
            } catch (UnreadableInvoiceException e) {
                technical = List.of("Le fichier n'est pas une facture Factur-X lisible : " + e.getMessage());
            }
        }
        fluxes.put(number, new Flux(number, fileName, syntax, login, file, invoice, errors, technical));
        ObjectNode body = ok().put("numeroFluxDepot", number).put("dateDepot", LocalDate.now().toString())
                .put("syntaxeFlux", syntax);
        return new Answer(200, body);
    }

    synchronized Answer fluxReport(String login, JsonNode request) {
        Flux flux = fluxes.get(request.path("numeroFluxDepot").asText(""));
        if (flux == null || !flux.login.equals(login)) {
            // doc §4.3: the only code/label pair seen for an unknown flux
            return error(200, 20001, "POQ_MSG_01.003 - Flux introuvable.");
        }
        if (++flux.reads >= readsToResult) {
            finish(flux);
        } else if (flux.state.equals(WAITING)) {
            move(flux, PROCESSING);
        }
        ObjectNode body = ok().put("codeInterfaceDepotFlux", "FSO1117A").put("dateDepotFlux", flux.date.toString())
                .put("dateHeureEtatCourantFlux", flux.stateSince.toString()).put("etatCourantDepotFlux", flux.state)
                .put("nomFichier", flux.fileName);
        ArrayNode dp = body.putArray("listeErreurDP");
        ArrayNode technical = body.putArray("listeErreurTechnique");
        if (flux.state.equals("IN_REJETE")) {
            for (String error : flux.errors) {
                dp.addObject().put("identifiantFournisseur", flux.invoice.sellerSiret())
                        .put("identifiantDestinataire", flux.invoice.buyerSiret()).put("numeroDP", flux.invoice.number())
                        .put("libelleErreurDP", error);
            }
            for (String error : flux.technicalErrors) {
                technical.addObject().put("codeErreur", "FX_TECH").put("libelleErreur", error).put("natureErreur", "TECHNIQUE");
            }
        }
        return new Answer(200, body);
    }

    synchronized Answer searchSupplierInvoices(String login, JsonNode request) {
        Set<String> own = accounts.get(login).supplierSirets();
        String flux = request.path("numeroFluxDepot").asText(null);
        String number = request.path("numeroFacture").asText(null);
        List<Invoice> found = invoices.values().stream()
                .filter(i -> own.contains(i.flux.invoice.sellerSiret()))
                .filter(i -> flux == null || i.flux.number.equals(flux))
                .filter(i -> number == null || i.flux.invoice.number().equals(number)).toList();
        JsonNode paging = request.path("rechercheFactureParFournisseur");
        int size = Math.max(1, paging.path("nbResultatsParPage").asInt(10));
        int page = Math.max(1, paging.path("pageResultatDemandee").asInt(1));
        int pages = Math.max(1, (found.size() + size - 1) / size);
        ObjectNode body = ok();
        ArrayNode list = body.putArray("listeFactures");
        found.stream().skip((long) (page - 1) * size).limit(size).forEach(i -> listed(list.addObject(), i));
        body.putObject("parametresRetour").put("pageCourante", page).put("pages", pages).put("nbResultatsParPage", size)
                .put("total", found.size());
        return new Answer(200, body);
    }

    synchronized Answer history(String login, JsonNode request) {
        Invoice invoice = invoices.get(request.path("idFacture").asLong(-1));
        if (invoice == null || !accounts.get(login).supplierSirets().contains(invoice.flux.invoice.sellerSiret())) {
            // code and text UNCONFIRMED: the doc has no "unknown invoice" sample
            return error(200, 20001, "Facture introuvable.");
        }
        ObjectNode body = ok().put("idFacture", invoice.id).put("numeroFacture", invoice.flux.invoice.number())
                .put("modeDepot", "EDI_MIXTE").put("statutCourantCode", invoice.status());
        ArrayNode history = body.putObject("historiquesDesStatuts").putArray("histoStatut");
        for (int i = invoice.history.size() - 1; i >= 0; i--) {
            Status status = invoice.history.get(i);
            history.addObject().put("histoStatutId", i + 1).put("histoStatutCode", status.code())
                    .put("histoStatutDatePassage", status.at()).put("histoStatutCommentaire", status.comment());
        }
        body.putObject("historiquesDesActionsUtilisateurs").putArray("histoAction");
        body.putObject("historiquesDesEvenementsComplementaires").putArray("histoEvenement");
        return new Answer(200, body);
    }

    /**
     * {@code rechercher/recipiendaire}: the invoices the account's recipient structures received, once made available
     * (MISE_A_DISPOSITION reached), filtered by {@code idDestinataire}, {@code numeroFacture}, {@code statutCourant[]},
     * {@code factureTelechargeeParDestinataire} and {@code periodeDateDepotDu/Au}; paged by {@code paramRecherche}
     * (default 10 a page); the paging answer at the top level. No result is codeRetour 20000 (Pastell's client reads
     * it so: "TRA_MSG_00.015 - La recherche n'a retourné aucun résultat").
     */
    synchronized Answer searchReceivedInvoices(String login, JsonNode request) {
        Set<String> own = accounts.get(login).recipientSirets();
        long recipient = request.path("idDestinataire").asLong(0);
        String number = request.path("numeroFacture").asText(null);
        JsonNode downloaded = request.get("factureTelechargeeParDestinataire");
        Set<String> statuses = new java.util.HashSet<>();
        request.path("statutCourant").forEach(n -> statuses.add(n.asText()));
        LocalDate from;
        LocalDate to;
        try {
            from = date(request, "periodeDateDepotDu");
            to = date(request, "periodeDateDepotAu");
        } catch (java.time.format.DateTimeParseException e) {
            return error(400, 20001, "Les dates de la recherche doivent etre au format AAAA-MM-JJ");
        }
        List<Invoice> found = invoices.values().stream()
                .filter(i -> own.contains(i.flux.invoice.buyerSiret()) && madeAvailable(i))
                .filter(i -> recipient == 0 || structureId(i.flux.invoice.buyerSiret()) == recipient)
                .filter(i -> number == null || i.flux.invoice.number().equals(number))
                .filter(i -> statuses.isEmpty() || statuses.contains(i.status()))
                .filter(i -> downloaded == null || downloaded.asBoolean() == i.downloadedByRecipient)
                .filter(i -> from == null || !i.flux.date.isBefore(from))
                .filter(i -> to == null || !i.flux.date.isAfter(to)).toList();
        if (found.isEmpty()) {
            return error(200, 20000, "TRA_MSG_00.015 - La recherche n'a retourné aucun résultat");
        }
        JsonNode paging = request.path("paramRecherche");
        int size = Math.max(1, paging.path("nbResultatsParPage").asInt(10));
        int page = Math.max(1, paging.path("pageResultatDemandee").asInt(1));
        int pages = Math.max(1, (found.size() + size - 1) / size);
        boolean withSize = request.path("recupererTaille").asBoolean(false);
        ObjectNode body = ok().put("pageCourante", page).put("pages", pages).put("nbResultatsParPage", size)
                .put("total", found.size());
        ArrayNode list = body.putArray("listeFactures");
        found.stream().skip((long) (page - 1) * size).limit(size).forEach(i -> {
            ChorusInvoiceFacts f = i.flux.invoice;
            SimulatedStructure buyer = structures.get(f.buyerSiret());
            SimulatedStructure seller = structures.get(f.sellerSiret());
            ObjectNode node = list.addObject().put("idFacture", i.id).put("numeroFacture", f.number())
                    .put("dateFacture", f.issueDate()).put("dateDepot", i.flux.date.toString())
                    .put("codeFournisseur", f.sellerSiret()).put("typeIdentifiantFournisseur", "SIRET")
                    .put("designationFournisseur", seller == null ? null : seller.name())
                    .put("idDestinataire", buyer.id()).put("codeDestinataire", f.buyerSiret())
                    .put("designationDestinataire", buyer.name()).put("codeServiceExecutant", f.serviceCode())
                    .put("montantHT", f.totalExclVat()).put("montantTTC", f.totalInclVat())
                    .put("montantAPayer", f.duePayable()).put("devise", f.currency()).put("statut", i.status())
                    .put("typeFacture", f.creditNote() ? "AVOIR" : "FACTURE").put("typeDemandePaiement", "FACTURE")
                    .put("dateHeureEtatCourant", i.history.get(i.history.size() - 1).at())
                    .put("factureTelechargeeParDestinataire", i.downloadedByRecipient);
            if (withSize) {
                node.put("taille", i.flux.file.length);
            }
        });
        return new Answer(200, body);
    }

    /**
     * {@code telecharger/groupe}: {@code format} (required, PDF or PIVOT) and {@code listeFacture[].idFacture}, invoices
     * the account sent or received; {@code fichierResultat} is a ZIP archive, base64, holding each invoice's file
     * (entry names are the simulator's: {@code <idFacture>_<deposited file name>}; the real ones are not in the doc).
     * A group over 120 MB is HTTP 413 (doc §6). The recipient's download sets factureTelechargeeParDestinataire.
     * The simulator keeps deposited files, not Chorus Pro's PIVOT rendering: PIVOT answers a business error.
     */
    synchronized Answer downloadGroup(String login, JsonNode request) {
        String format = request.path("format").asText("");
        if (!format.equals("PDF") && !format.equals("PIVOT")) {
            return error(400, 20001, "Le format (format) est obligatoire : PDF ou PIVOT");
        }
        if (format.equals("PIVOT")) {
            return error(200, 20001, "Format PIVOT non simule");
        }
        Account account = accounts.get(login);
        List<Invoice> group = new ArrayList<>();
        for (JsonNode item : request.path("listeFacture")) {
            Invoice invoice = invoices.get(item.path("idFacture").asLong(-1));
            if (invoice == null || !(account.supplierSirets().contains(invoice.flux.invoice.sellerSiret())
                    || account.recipientSirets().contains(invoice.flux.invoice.buyerSiret()) && madeAvailable(invoice))) {
                return error(200, 20001, "Facture introuvable.");
            }
            group.add(invoice);
        }
        if (group.isEmpty()) {
            return error(400, 20001, "La liste des factures (listeFacture) est obligatoire");
        }
        long total = group.stream().mapToLong(i -> i.flux.file.length).sum();
        if (total > MAX_FILE_BYTES) {
            return error(413, 413, "Dossier de facturation trop volumineux");
        }
        java.io.ByteArrayOutputStream zip = new java.io.ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream out = new java.util.zip.ZipOutputStream(zip)) {
            for (Invoice invoice : group) {
                out.putNextEntry(new java.util.zip.ZipEntry(invoice.id + "_" + invoice.flux.fileName));
                out.write(invoice.flux.file);
                out.closeEntry();
                if (account.recipientSirets().contains(invoice.flux.invoice.buyerSiret())) {
                    invoice.downloadedByRecipient = true;
                    invoice.recipientDownloads++;
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return new Answer(200, ok().put("fichierResultat", Base64.getEncoder().encodeToString(zip.toByteArray())));
    }

    private static boolean madeAvailable(Invoice invoice) {
        return invoice.history.stream().anyMatch(s -> s.code().equals("MISE_A_DISPOSITION"));
    }

    private long structureId(String siret) {
        SimulatedStructure structure = structures.get(siret);
        return structure == null ? -1 : structure.id();
    }

    private static LocalDate date(JsonNode request, String field) {
        String text = request.path(field).asText("");
        return text.isEmpty() ? null : LocalDate.parse(text.length() > 10 ? text.substring(0, 10) : text);
    }

    // ---- structures ----

    synchronized Answer searchStructures(JsonNode request) {
        String id = request.path("structure").path("identifiantStructure").asText("");
        ObjectNode body = ok();
        ArrayNode list = body.putArray("listeStructures");
        SimulatedStructure structure = structures.get(id);
        // restreindreStructuresPrivees is not applied: the doc does not say which way it filters
        if (structure != null) {
            list.addObject().put("idStructureCPP", structure.id()).put("identifiantStructure", structure.siret())
                    .put("designationStructure", structure.name()).put("typeIdentifiantStructure", "SIRET").put("statut", "ACTIF");
        }
        body.putObject("parametresRetour").put("pageCourante", 1).put("pages", 1).put("nbResultatsParPage", 10)
                .put("total", list.size());
        return new Answer(200, body);
    }

    synchronized Answer consultStructure(JsonNode request) {
        Optional<SimulatedStructure> found = byId(request.path("idStructureCPP").asLong(-1));
        if (found.isEmpty()) {
            return error(200, 20001, "Structure introuvable.");
        }
        SimulatedStructure s = found.get();
        ObjectNode body = ok();
        body.putObject("parametres").put("codeServiceDoitEtreRenseigne", s.serviceCodeRequired())
                .put("numeroEJDoitEtreRenseigne", s.commitmentRequired())
                .put("gestionNumeroEJOuCodeService", s.serviceCodeOrCommitment()).put("connexionEDI", false)
                .put("recevoirDonneesViaEDI", false).put("estMoaUniquement", false).put("estValideurDelegue", false)
                .put("nonDiffusibleInsee", false).put("statutMiseEnPaiementNestPasRemonte", false);
        body.putObject("informationGenerales").put("idStructureCPP", s.id()).put("identifiantStructure", s.siret())
                .put("typeIdentifiantStructure", "SIRET").put("raisonSocialeStructure", s.name())
                .put("structurePriveePublique", s.publicEntity() ? "PUBLIQUE" : "PRIVEE");
        return new Answer(200, body);
    }

    synchronized Answer searchServices(JsonNode request) {
        Optional<SimulatedStructure> found = byId(request.path("idStructure").asLong(-1));
        if (found.isEmpty()) {
            return error(200, 20001, "Structure introuvable.");
        }
        ObjectNode body = ok();
        ArrayNode list = body.putArray("listeServices");
        for (SimulatedStructure.Service service : found.get().services()) {
            list.addObject().put("idService", service.id()).put("codeService", service.code())
                    .put("libelleService", service.label()).put("estActif", service.active())
                    .put("statutService", service.active() ? "ACTIF" : "INACTIF");
        }
        body.putObject("parametresRetour").put("pageCourante", 1).put("pages", 1).put("total", list.size());
        return new Answer(200, body);
    }

    // ---- admin hooks (the recipient's side, which qualification does not have: doc §6) ----

    /** Every waiting flux reaches its final state now. */
    public synchronized void processPendingFlux() {
        fluxes.values().forEach(this::finish);
    }

    /**
     * Moves an invoice as its public recipient would ({@code traiter/recue}): to one of {@link #INVOICE_STATUSES}, with a
     * reason required for SUSPENDUE and REJETEE; REJETEE is final.
     */
    public synchronized void moveInvoice(long id, String status, String reason) {
        Invoice invoice = invoices.get(id);
        if (invoice == null) {
            throw new IllegalArgumentException("no invoice " + id);
        }
        if (!INVOICE_STATUSES.contains(status)) {
            throw new IllegalArgumentException("unknown status " + status + "; one of " + INVOICE_STATUSES);
        }
        if ((status.equals("SUSPENDUE") || status.equals("REJETEE")) && (reason == null || reason.isBlank())) {
            throw new IllegalArgumentException(status + " needs a reason (motif)");
        }
        if (invoice.status().equals("REJETEE")) {
            throw new IllegalArgumentException("invoice " + id + " is REJETEE, which is final");
        }
        invoice.history.add(new Status(status, LocalDateTime.now().format(MINUTES), reason));
    }

    /** The invoice id (identifiantFactureCPP) of an integrated invoice by its number. */
    public synchronized Optional<Long> invoiceId(String number) {
        return invoices.values().stream().filter(i -> i.flux.invoice.number().equals(number)).map(i -> i.id).findFirst();
    }

    public synchronized Optional<String> invoiceStatus(long id) {
        return Optional.ofNullable(invoices.get(id)).map(Invoice::status);
    }

    /**
     * A supplier's Factur-X deposited by {@code supplierLogin} and integrated at once, its deposit dated
     * {@code depositDate}: an invoice its public buyer receives. Returns its identifiantFactureCPP; the file must pass
     * the content checks of a deposit.
     */
    public synchronized long receive(String supplierLogin, String fileName, byte[] facturX, LocalDate depositDate) {
        Answer answer = deposit(supplierLogin, JSON.createObjectNode().put("fichierFlux",
                Base64.getEncoder().encodeToString(facturX)).put("nomFichier", fileName)
                .put("syntaxeFlux", "IN_DP_E2_CII_FACTURX").put("avecSignature", false));
        Flux flux = fluxes.get(answer.body().path("numeroFluxDepot").asText(""));
        if (flux == null) {
            throw new IllegalArgumentException("deposit refused: " + answer.body());
        }
        flux.date = depositDate;
        finish(flux);
        if (!flux.state.equals("IN_INTEGRE")) {
            throw new IllegalArgumentException("flux rejected: " + flux.errors + flux.technicalErrors);
        }
        return invoices.values().stream().filter(i -> i.flux == flux).findFirst().orElseThrow().id;
    }

    /** The recipient downloaded the invoice elsewhere (its portal, another tool): factureTelechargeeParDestinataire. */
    public synchronized void markDownloadedByRecipient(long id) {
        invoices.get(id).downloadedByRecipient = true;
    }

    /** How many times the recipient downloaded the invoice through the API. */
    public synchronized int recipientDownloads(long id) {
        return invoices.get(id).recipientDownloads;
    }

    /** Deposits taken so far, to prove that nothing was deposited twice. */
    public synchronized int depositCount() {
        return fluxes.size();
    }

    public synchronized int depositCount(String invoiceNumber) {
        return (int) fluxes.values().stream().filter(f -> f.invoice != null && invoiceNumber.equals(f.invoice.number())).count();
    }

    /** Every invoice with its status, for the admin page of the demo. */
    synchronized ObjectNode invoicesView() {
        ObjectNode body = ok();
        ArrayNode list = body.putArray("listeFactures");
        invoices.values().forEach(i -> listed(list.addObject(), i));
        return body;
    }

    private void finish(Flux flux) {
        if (!flux.state.equals(WAITING) && !flux.state.equals(PROCESSING)) {
            return;
        }
        if (!flux.errors.isEmpty() || !flux.technicalErrors.isEmpty()) {
            move(flux, "IN_REJETE");
            return;
        }
        move(flux, "IN_INTEGRE");
        Invoice invoice = new Invoice(invoiceCounter++, flux);
        String now = LocalDateTime.now().format(MINUTES);
        invoice.history.add(new Status("DEPOSEE", now, null));
        invoice.history.add(new Status("MISE_A_DISPOSITION", now, null));
        invoices.put(invoice.id, invoice);
    }

    private static void move(Flux flux, String state) {
        flux.state = state;
        flux.stateSince = OffsetDateTime.now();
    }

    private void listed(ObjectNode node, Invoice i) {
        ChorusInvoiceFacts f = i.flux.invoice;
        SimulatedStructure buyer = structures.get(f.buyerSiret());
        node.put("identifiantFactureCPP", i.id).put("numeroFacture", f.number()).put("numeroFluxDepot", i.flux.number)
                .put("statut", i.status()).put("typeFacture", f.creditNote() ? "AVOIR" : "FACTURE")
                .put("typeDemandePaiement", "FACTURE").put("dateFacture", f.issueDate()).put("dateDepot", i.flux.date.toString())
                .put("codeFournisseur", f.sellerSiret()).put("codeDestinataire", f.buyerSiret())
                .put("designationDestinataire", buyer == null ? null : buyer.name()).put("codeServiceExecutant", f.serviceCode())
                .put("montantHT", f.totalExclVat()).put("montantTTC", f.totalInclVat()).put("montantAPayer", f.duePayable())
                .put("devise", f.currency()).put("modeDepot", "EDI_MIXTE")
                .put("dateHeureEtatCourant", i.history.get(i.history.size() - 1).at())
                .put("commentaireEtatCourant", i.history.get(i.history.size() - 1).comment()).put("rejetTraite", false);
    }

    private Optional<SimulatedStructure> byId(long id) {
        return structures.values().stream().filter(s -> s.id() == id).findFirst();
    }

    static ObjectNode ok() {
        return JSON.createObjectNode().put("codeRetour", 0).put("libelle", "TRA_MSG_00.000");
    }

    static Answer error(int status, int code, String label) {
        return new Answer(status, JSON.createObjectNode().put("codeRetour", code).put("libelle", label));
    }
}
