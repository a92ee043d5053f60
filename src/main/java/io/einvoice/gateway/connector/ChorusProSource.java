package io.einvoice.gateway.connector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.einvoice.gateway.dispatch.chorus.ChorusApi;
import io.einvoice.gateway.dispatch.chorus.ChorusCallException;
import io.einvoice.gateway.dispatch.chorus.ChorusCredentials;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * Reads a {@link ConnectorKind#CHORUS_PRO} connector: the invoices a public buyer's structure received on Chorus Pro
 * (doc chorus-pro-and-reform; Pastell's and go-choruspro's clients): the structure found by its SIRET
 * ({@code structures/v1/rechercher}), the received invoices listed by {@code factures/v1/rechercher/recipiendaire}
 * from the deposit date of the cursor on, 100 a page, and each one downloaded as PDF by
 * {@code factures/v1/telecharger/groupe} (a base64 ZIP, opened within bounds). The remote id is Chorus Pro's
 * {@code idFacture}. Chorus Pro's only receipt mark is "downloaded by the recipient", which the download itself sets:
 * the listing never filters on it, so an invoice downloaded but not stored (a crash, a failed store) is listed and
 * fetched again, and the transport id keeps a stored one from being fetched twice. Calls go to the gateway's Chorus
 * Pro ({@code GATEWAY_CHORUS_API_URL}, the operator's setting, not a supplier's host: no outbound guard here).
 */
public class ChorusProSource implements InvoiceSource {

    static final int PAGE_SIZE = 100;
    /** 50 pages of 100: the rest waits for the next run (the cursor moves on with what was stored). */
    static final int MAX_PAGES = 50;
    static final int MAX_ZIP_ENTRIES = 50;
    /** Chorus Pro's "no result" (Pastell's client: TRA_MSG_00.015). */
    static final int NO_RESULT = 20000;
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern INVOICE_FILE = Pattern.compile("(?i).+\\.(pdf|xml)");

    private final ChorusApi api;

    public ChorusProSource(ChorusApi api) {
        this.api = api;
    }

    @Override
    public ConnectorKind kind() {
        return ConnectorKind.CHORUS_PRO;
    }

    @Override
    public Listing list(Connector c, String secret, String cursor) throws ConnectorException {
        ChorusProSettings s = c.chorusPro();
        ChorusCredentials credentials = credentials(s, secret);
        long structure = structureId(credentials, s);
        Map<String, RemoteInvoice> found = new LinkedHashMap<>();
        List<String> skipped = new ArrayList<>();
        for (int page = 1; page <= MAX_PAGES; page++) {
            ObjectNode request = JsonNodeFactory.instance.objectNode().put("idDestinataire", structure);
            if (cursor != null && DATE.matcher(cursor).matches()) {
                // the cursor's day again: invoices deposited later that day are listed, the stored ones skipped
                request.put("periodeDateDepotDu", cursor);
            }
            // no sort asked: the doc gives no triColonne value for this search, and a wrong one is refused
            request.putObject("paramRecherche").put("pageResultatDemandee", page).put("nbResultatsParPage", PAGE_SIZE);
            JsonNode answer = call(credentials, "factures/v1/rechercher/recipiendaire", request,
                    ChorusApi.MAX_ANSWER_BYTES, Set.of(NO_RESULT));
            if (answer.path("codeRetour").asInt() == NO_RESULT) {
                break;
            }
            for (JsonNode item : answer.path("listeFactures")) {
                long id = item.path("idFacture").asLong(0);
                if (id <= 0) {
                    skipped.add("Chorus Pro listed a received invoice without its idFacture; left out");
                    continue;
                }
                String date = item.path("dateDepot").asText("");
                String number = item.path("numeroFacture").asText("");
                found.putIfAbsent(String.valueOf(id), new RemoteInvoice(String.valueOf(id),
                        DATE.matcher(date).matches() ? date : null, downloadUrl(id, number)));
            }
            if (page >= answer.path("pages").asInt(1)) {
                break;
            }
            if (page == MAX_PAGES) {
                skipped.add("Chorus Pro lists more than " + MAX_PAGES * PAGE_SIZE + " received invoices; the rest is"
                        + " read at the next run");
            }
        }
        return new Listing(List.copyOf(found.values()), skipped);
    }

    @Override
    public byte[] download(Connector c, String secret, RemoteInvoice invoice, int maxBytes) throws ConnectorException {
        ChorusCredentials credentials = credentials(c.chorusPro(), secret);
        ObjectNode request = JsonNodeFactory.instance.objectNode().put("format", "PDF").put("avecPiecesJointesComplementaires", "NON");
        request.putArray("listeFacture").addObject().put("idFacture", Long.parseLong(invoice.remoteId()));
        // base64 is 4/3 of the bytes, plus the JSON around it
        int maxAnswer = (int) Math.min(Integer.MAX_VALUE - 16, (long) maxBytes / 3 * 4 + 64 * 1024);
        JsonNode answer = call(credentials, "factures/v1/telecharger/groupe", request, maxAnswer, Set.of());
        byte[] zip;
        try {
            zip = Base64.getMimeDecoder().decode(answer.path("fichierResultat").asText(""));
        } catch (IllegalArgumentException e) {
            throw ConnectorException.passing("Chorus Pro sent invoice " + invoice.remoteId() + " not in base64; the"
                    + " next run tries again");
        }
        return invoiceIn(zip, invoice, maxBytes);
    }

    /** The archive's first PDF or XML file, read within bounds; the supplementary attachments are not asked for. */
    static byte[] invoiceIn(byte[] zip, RemoteInvoice invoice, int maxBytes) throws ConnectorException {
        int entries = 0;
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                if (++entries > MAX_ZIP_ENTRIES) {
                    break;
                }
                if (entry.isDirectory() || !INVOICE_FILE.matcher(entry.getName()).matches()) {
                    continue;
                }
                byte[] bytes = in.readNBytes(maxBytes + 1);
                if (bytes.length > maxBytes) {
                    throw ConnectorException.passing(String.format(Locale.ROOT, "the file of invoice %s on Chorus Pro"
                            + " is larger than %,d bytes and was not read", invoice.remoteId(), maxBytes));
                }
                return bytes;
            }
        } catch (ZipException e) {
            throw ConnectorException.passing("Chorus Pro sent invoice " + invoice.remoteId() + " in an archive that"
                    + " cannot be read; the next run tries again", e);
        } catch (IOException e) {
            throw ConnectorException.passing("the archive of invoice " + invoice.remoteId() + " could not be read", e);
        }
        throw ConnectorException.passing("Chorus Pro sent invoice " + invoice.remoteId() + " without a PDF or XML"
                + " file in its archive; the next run tries again");
    }

    private long structureId(ChorusCredentials credentials, ChorusProSettings s) throws ConnectorException {
        ObjectNode request = JsonNodeFactory.instance.objectNode().put("restreindreStructuresPrivees", false);
        request.putObject("structure").put("identifiantStructure", s.recipientSiret())
                .put("typeIdentifiantStructure", "SIRET");
        JsonNode answer = call(credentials, "structures/v1/rechercher", request, ChorusApi.MAX_ANSWER_BYTES,
                Set.of(NO_RESULT));
        for (JsonNode structure : answer.path("listeStructures")) {
            if (s.recipientSiret().equals(structure.path("identifiantStructure").asText())) {
                return structure.path("idStructureCPP").asLong();
            }
        }
        throw ConnectorException.stopping("Chorus Pro knows no structure with SIRET " + s.recipientSiret()
                + " (chorusPro.recipientSiret): enter the dossier's SIRET as Chorus Pro has it; the connector is stopped"
                + " until then");
    }

    private JsonNode call(ChorusCredentials credentials, String path, ObjectNode body, int maxAnswer, Set<Integer> fine)
            throws ConnectorException {
        try {
            return api.post(credentials, path, body, maxAnswer, fine);
        } catch (ChorusCallException e) {
            throw switch (e.kind()) {
                case AUTH_REFUSED -> ConnectorException.stopping(e.getMessage() + " (chorusPro.clientId,"
                        + " chorusPro.technicalLogin and the secret); the connector is stopped until they are saved"
                        + " again", e);
                case NOT_SUBSCRIBED, BAD_REQUEST -> ConnectorException.stopping(e.getMessage()
                        + "; the connector is stopped until its settings are saved again", e);
                case UNREACHABLE, TIMEOUT, SERVER_ERROR, TOO_LARGE, BUSINESS ->
                        ConnectorException.passing(e.getMessage() + "; the next run tries again", e);
            };
        }
    }

    /** The secret is {@code <PISTE client secret>:<technical password>}, checked when the connector is saved. */
    static ChorusCredentials credentials(ChorusProSettings s, String secret) throws ConnectorException {
        int colon = secret == null ? -1 : secret.indexOf(':');
        if (colon < 1 || colon == secret.length() - 1) {
            throw ConnectorException.stopping("the connector's secret must be the PISTE client secret, a colon, then"
                    + " the technical password; save it again");
        }
        return new ChorusCredentials(s.clientId(), secret.substring(0, colon), s.technicalLogin(),
                secret.substring(colon + 1));
    }

    /** Not fetched from: it names the invoice (its number, for the file name the ingest step keeps). */
    private static String downloadUrl(long id, String number) {
        String name = number.isBlank() ? String.valueOf(id) : URLEncoder.encode(number, StandardCharsets.UTF_8);
        return "chorus-pro:/factures/recues/" + id + "/" + name + ".pdf";
    }
}
