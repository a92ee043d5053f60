package io.einvoice.gateway.recognition;

/** One possible value for a field, with the label it follows, where it is, and a score (higher is likelier). */
record Candidate(Field field, String value, Box box, String label, double score, double ocrConfidence) {

    Candidate withLabel(String newLabel) {
        return new Candidate(field, value, box, newLabel, score, ocrConfidence);
    }

    Candidate plus(double bonus) {
        return new Candidate(field, value, box, label, score + bonus, ocrConfidence);
    }
}
