package io.einvoice.gateway.recognition;

import io.einvoice.gateway.invoice.Note;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.einvoice.gateway.recognition.FieldExtractorPartiesTest.line;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** The BR-FR-05 mentions as a page words them, for the notes of a recognised invoice's Factur-X. */
class LegalMentionsTest {

    @Test
    void theThreeMentionsOfAnFnfeSampleBecomePmtPmdAndAab() {
        List<Note> notes = LegalMentions.of(List.of(
                line(0.80, 0.05, "Indemnité forfaitaire pour frais de recouvrement en cas de retard de paiement : 40 €."),
                line(0.82, 0.05, "Les réglements reçus avant la date d'échéance ne donneront pas lieu à escompte.", 0.80, "100,00"),
                line(0.84, 0.05, "Tout retard de paiement engendre une pénalité exigible à compter de la date d'échéance,"
                        + " calculée sur la base de trois fois le"),
                line(0.86, 0.05, "taux d'intérêt légal."),
                line(0.88, 0.60, "TOTAL HT", 0.75, "TOTAL TTC")));

        assertThat(notes).extracting(Note::subjectCode, Note::text).containsExactly(
                tuple("PMT", "Indemnité forfaitaire pour frais de recouvrement en cas de retard de paiement : 40 €."),
                tuple("AAB", "Les réglements reçus avant la date d'échéance ne donneront pas lieu à escompte."),
                tuple("PMD", "Tout retard de paiement engendre une pénalité exigible à compter de la date d'échéance,"
                        + " calculée sur la base de trois fois le taux d'intérêt légal."));
    }

    @Test
    void oneSentenceMayCarryTwoMentionsAndOcrMayDropTheAccents() {
        List<Note> notes = LegalMentions.of(List.of(
                line(0.80, 0.05, "Penalites de retard : 3 fois le taux legal ; indemnite forfaitaire de recouvrement 40 euros")));

        assertThat(notes).extracting(Note::subjectCode, Note::text).containsExactly(
                tuple("PMD", "Penalites de retard : 3 fois le taux legal ;"),
                tuple("PMT", "indemnite forfaitaire de recouvrement 40 euros"));
    }

    @Test
    void aColumnHeadingOrAPageWithoutMentionsGivesNoNote() {
        assertThat(LegalMentions.of(List.of(
                line(0.40, 0.08, "Escompte"),
                line(0.42, 0.08, "Désignation", 0.52, "Qté", 0.60, "Montant HT"),
                line(0.66, 0.55, "Total TTC", 0.72, "537,00 €")))).isEmpty();
    }

    @Test
    void aSentenceDoesNotRunIntoTheNextParagraph() {
        List<Note> notes = LegalMentions.of(List.of(
                line(0.80, 0.05, "Pas d'escompte pour paiement anticipé"),
                line(0.82, 0.05, "IBAN FR76 3000 6000 0112 3456 7890 189")));

        assertThat(notes).extracting(Note::text).containsExactly("Pas d'escompte pour paiement anticipé");
    }
}
