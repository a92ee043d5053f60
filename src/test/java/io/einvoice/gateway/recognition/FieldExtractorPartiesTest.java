package io.einvoice.gateway.recognition;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Seller and buyer names from party blocks read by column, on lines laid out as a text layer gives them. */
class FieldExtractorPartiesTest {

    @Test
    void twoColumnHeaderGivesTheSellerUnderItsLabelAndTheBuyerUnderHis() {
        ExtractedInvoice e = extract(
                line(0.05, 0.50, "FACTURE N° : F20260023"),
                line(0.08, 0.14, "Vendeur", 0.50, "Client :"),
                line(0.09, 0.14, "LE FOURNISSEUR", 0.50, "Contact achats"),
                line(0.10, 0.14, "35 rue d'ici", 0.50, "LE CLIENT"),
                line(0.11, 0.14, "75018 PARIS", 0.50, "06000 NICE"),
                line(0.95, 0.35, "FOURNISSEUR F SARL au capital de 50 000 EUR - RCS PARIS 123 456 782"));

        assertThat(e.value(Field.SELLER_NAME)).contains("LE FOURNISSEUR");
        assertThat(e.value(Field.BUYER_NAME)).contains("LE CLIENT");
    }

    @Test
    void labelledRowsOfAPartyBlockGiveTheNameAfterName() {
        ExtractedInvoice e = extract(
                line(0.07, 0.11, "Handelsrechnung (380) Nr. 471102 vom 05.03.2018"),
                line(0.24, 0.12, "Verkäufer"),
                line(0.26, 0.12, "Nummer:", 0.44, "549910"),
                line(0.28, 0.12, "Name:", 0.44, "Lieferant GmbH"),
                line(0.30, 0.12, "Anschrift:", 0.44, "Lieferantenstraße 20"),
                line(0.43, 0.12, "Käufer/Leistungsempfänger"),
                line(0.45, 0.12, "Nummer:", 0.44, "GE2020211"),
                line(0.47, 0.12, "Name:", 0.44, "Kunden AG Mitte"),
                line(0.49, 0.12, "Anschrift:", 0.44, "Kundenstraße 15"),
                line(0.55, 0.12, "Bemerkungen"));

        assertThat(e.value(Field.SELLER_NAME)).contains("Lieferant GmbH");
        assertThat(e.value(Field.BUYER_NAME)).contains("Kunden AG Mitte");
    }

    @Test
    void aLabelWhoseLineGoesOnInAnotherColumnTakesItsNameFromBelow() {
        // "Kundennummer" is the right column's label, not the buyer's name
        ExtractedInvoice e = extract(
                line(0.05, 0.07, "Rechnungsersteller"),
                line(0.07, 0.09, "Lieferant GmbH"),
                line(0.17, 0.07, "Rechnungsempfänger", 0.61, "Kundennummer"),
                line(0.175, 0.87, "GE2020211"),
                line(0.19, 0.09, "Kunden AG Mitte", 0.93, "EUR"),
                line(0.21, 0.09, "Hans Muster"));

        assertThat(e.value(Field.SELLER_NAME)).contains("Lieferant GmbH");
        assertThat(e.value(Field.BUYER_NAME)).contains("Kunden AG Mitte");
    }

    @Test
    void theReturnAddressLineNamesTheSellerAndTheAddressUnderItTheBuyer() {
        ExtractedInvoice e = extract(
                line(0.14, 0.09, "weclapp.com | Somestreet 42 | 08155 Some city", 0.65, "weclapp.com"),
                line(0.15, 0.09, "Beispiel AG", 0.65, "Somestreet 42"),
                line(0.16, 0.09, "Feldstraße 34", 0.65, "08155 Some city"),
                line(0.25, 0.09, "Rechnung RE1001"));

        assertThat(e.value(Field.SELLER_NAME)).contains("weclapp.com");
        assertThat(e.value(Field.BUYER_NAME)).contains("Beispiel AG");
    }

    @Test
    void anUnlabelledAddressBlockIsTheBuyersAndADeliveryBlockIsLeftToItsLabel() {
        ExtractedInvoice e = extract(
                line(0.041, 0.19, "Au bon moulin SARL - 1242 chemin de l'olive - 84340 Malaucène - France"),
                line(0.063, 0.19, "TVA : FR11999999998 - SIRET : 99999999800010 - SARL au capital de 120 000,00 €"),
                line(0.117, 0.05, "Facture FA-2017-0010"),
                line(0.150, 0.06, "Adresse de livraison"),
                line(0.163, 0.55, "Ma jolie boutique"),
                line(0.171, 0.06, "Entrepôt Nord"),
                line(0.178, 0.55, "Alexandre Payet"),
                line(0.184, 0.06, "12 rue du Port"),
                line(0.193, 0.55, "35 rue de la République"),
                line(0.198, 0.06, "13002 Marseille"),
                line(0.208, 0.55, "69001 Lyon"));

        assertThat(e.value(Field.SELLER_NAME)).contains("Au bon moulin SARL");
        assertThat(e.value(Field.BUYER_NAME)).contains("Ma jolie boutique");
    }

    @Test
    void wordsInsideANameAreNotContactWords() {
        // "Hôtel" holds "tel", "ConsultingService" holds "service": neither is a phone line or a department
        ExtractedInvoice e = extract(
                line(0.10, 0.08, "Verkäufer:"),
                line(0.12, 0.08, "ELEKTRON Industrieservice GmbH"),
                line(0.14, 0.08, "Erfurter Strasse 13"),
                line(0.16, 0.08, "Käufer/Leistungsempfänger:"),
                line(0.17, 0.08, "Nummer", 0.23, ": 16259"),
                line(0.18, 0.08, "ConsultingService GmbH"),
                line(0.19, 0.08, "Musterstr. 18"));
        assertThat(e.value(Field.SELLER_NAME)).contains("ELEKTRON Industrieservice GmbH");
        assertThat(e.value(Field.BUYER_NAME)).contains("ConsultingService GmbH");

        ExtractedInvoice hotel = extract(
                line(0.117, 0.05, "Facture FA-2017-0009"),
                line(0.163, 0.55, "Hôtel Saint Denis"),
                line(0.178, 0.55, "Stéphanie Hoarau"),
                line(0.193, 0.55, "42 rue du stade"),
                line(0.208, 0.55, "97400 Saint Denis"));
        assertThat(hotel.value(Field.BUYER_NAME)).contains("Hôtel Saint Denis");
    }

    @Test
    void aLegalFormAloneDoesNotMakeAnAddressBlockTheSellers() {
        ExtractedInvoice e = extract(
                line(0.037, 0.30, "Alphabet Fuhrparkmanagement GmbH", 0.65, "Geschäftsstelle Sonderkunden"),
                line(0.048, 0.30, "Lilienthalallee 26, 80786 München", 0.65, "Lilienthalallee 26"),
                line(0.058, 0.30, "Tel. 089/99822-0", 0.65, "80786 München"),
                line(0.110, 0.30, "USt-IdNr. DE238574172"),
                line(0.156, 0.13, "Alphabet, Lilienthalallee 26, 80786 München"),
                line(0.219, 0.55, "Rechnungsnummer: 2015738820"),
                line(0.223, 0.13, "Muster GmbH"),
                line(0.233, 0.13, "z. Hd. Herr Mustermann", 0.55, "München, den", 0.74, "01.11.2024"),
                line(0.246, 0.13, "Musterweg 1"),
                line(0.260, 0.13, "60325 Frankfurt am Main"));

        assertThat(e.value(Field.SELLER_NAME)).contains("Alphabet Fuhrparkmanagement GmbH");
        assertThat(e.value(Field.BUYER_NAME)).contains("Muster GmbH");
    }

    @Test
    void aServiceProviderBlockNamesTheSellerAndTheBillToBlockIsNotTheSellers() {
        ExtractedInvoice e = extract(
                line(0.179, 0.06, "Bill to Address:"),
                line(0.193, 0.06, "iViveLabs Limited"),
                line(0.208, 0.06, "93B Sai Yu Chung"),
                line(0.819, 0.70, "Service Provider:"),
                line(0.830, 0.70, "(Not to be used for payment remittance)"),
                line(0.840, 0.70, "Amazon Web Services, Inc."),
                line(0.851, 0.70, "410 Terry Ave North"));

        assertThat(e.value(Field.SELLER_NAME)).contains("Amazon Web Services, Inc.");
        assertThat(e.value(Field.BUYER_NAME)).contains("iViveLabs Limited");
    }

    @Test
    void aFooterStartingWithTheLegalFormNamesTheLineAboveAndTheAccountHolderIsTheSeller() {
        ExtractedInvoice footer = extract(
                line(0.214, 0.41, "Facture n° 2022089083"),
                line(0.945, 0.47, "NETPRESSE"),
                line(0.955, 0.23, "Siège social : 16 rue Mollien - 92100 BOULOGNE – Tél : 01 71 17 61 67"),
                line(0.964, 0.26, "Sarl au capital de 10 000€ - RSC Paris B 530 848 134"));
        assertThat(footer.value(Field.SELLER_NAME)).contains("NETPRESSE");

        ExtractedInvoice holder = extract(
                line(0.214, 0.41, "Facture n° 2022089083"),
                line(0.614, 0.08, "Virement", 0.21, "BRED BANQUE POPULAIRE – Titulaire du compte : NETPRESSE"));
        assertThat(holder.value(Field.SELLER_NAME)).contains("NETPRESSE");
    }

    @Test
    void ocrNoiseAroundLabelsAndSeparatorsIsTolerated() {
        // a scan: "(CLIENT :" with a stray parenthesis, a heading "Vos identifiants" in the buyer's column, and a
        // return address whose street number was dropped, leaving a column-sized gap after "SARL -"
        ExtractedInvoice e = extract(
                line(0.039, 0.29, "Au bon moulin SARL -", 0.46, "chemin de l'olive - 84340 Malaucène - France"),
                line(0.085, 0.07, "SELLER TRADE NAME", 0.50, "(CLIENT :"),
                line(0.104, 0.07, "LE FOURNISSEUR"),
                line(0.114, 0.07, "35 rue d'ici", 0.50, "LE CLIENT"),
                line(0.126, 0.07, "75018 PARIS, FR", 0.50, "CLIENT NOM COMMERCIAL"),
                line(0.138, 0.50, "58 rue de la mer"),
                line(0.150, 0.50, "Buyer line 2"),
                line(0.161, 0.50, "06000 NICE, FR"),
                line(0.193, 0.50, "Contact: 01 01 25 45 87"),
                line(0.220, 0.07, "Nos références", 0.50, "Vos identifiants"));

        assertThat(e.value(Field.BUYER_NAME)).contains("LE CLIENT");
        assertThat(e.value(Field.SELLER_NAME)).isNotEqualTo(Optional.of("chemin de l'olive"));
        assertThat(Parties.roleOf("(client :")).isEqualTo(Parties.Role.BUYER);
    }

    @Test
    void theSellersOwnAddressBlockIsNotTheBuyer() {
        ExtractedInvoice e = extract(
                line(0.05, 0.10, "Atelier Dupont SARL"),
                line(0.06, 0.10, "12 rue des Lilas"),
                line(0.07, 0.10, "75011 Paris"),
                line(0.08, 0.10, "SIREN 732 829 320"),
                line(0.15, 0.10, "Facture N° F-2024-118"));

        assertThat(e.value(Field.SELLER_NAME)).contains("Atelier Dupont SARL");
        assertThat(e.value(Field.BUYER_NAME)).isEmpty();
    }

    @Test
    void referencesOfAPartyAreNotItsBlock() {
        assertThat(Parties.roleOf("n° de client : refcli0215")).isNull();
        assertThat(Parties.roleOf("customer vat number")).isNull();
        assertThat(Parties.roleOf("kundennummer")).isNull();
        assertThat(Parties.roleOf("lieferantenstrasse 20")).isNull();
        assertThat(Parties.roleOf("lieferant gmbh")).isNull();
        assertThat(Parties.roleOf("bill to:")).isEqualTo(Parties.Role.BUYER);
        assertThat(Parties.roleOf("kaufer/leistungsempfanger:")).isEqualTo(Parties.Role.BUYER);
        assertThat(Parties.roleOf("seller trade name")).isEqualTo(Parties.Role.SELLER);
    }

    static ExtractedInvoice extract(TextLine... lines) {
        return new FieldExtractor().extract(new RecognizedText(TextSource.PDF_TEXT, 1, List.of(lines), 0), null, keys -> List.of());
    }

    /** A line at height y (share of the page) of cells given as x then text; words are 0.008 wide per character. */
    static TextLine line(double y, Object... cells) {
        List<Word> words = new ArrayList<>();
        for (int i = 0; i < cells.length; i += 2) {
            double x = (double) cells[i];
            for (String w : ((String) cells[i + 1]).split(" ")) {
                double width = 0.008 * w.length();
                words.add(new Word(w, new Box(1, x, y, width, 0.008), 1.0));
                x += width + 0.006;
            }
        }
        return new TextLine(words);
    }
}
