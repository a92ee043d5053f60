package io.einvoice.gateway.system;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class NodesBenchmarkMedianTest {

    /** A timed run of 100 invoices (after 10 warm-up ones) that took {@code seconds}. */
    private static NodesBenchmark.Outcome took(double seconds) {
        return new NodesBenchmark.Outcome(110, 10, 1, 110, 110, 110, 110, 0, 0, -1, -1, 1.0, "", seconds, "");
    }

    @Test
    void anOddNumberOfRoundsIsJudgedOnTheMiddleOneWhateverTheOrder() {
        // 100 invoices in 5 s, 4 s and 10 s: 20, 25 and 10 invoices/s
        assertEquals(20.0, NodesBenchmark.median(List.of(took(5), took(4), took(10))), 1e-9);
    }

    @Test
    void anEvenNumberOfRoundsIsJudgedOnTheMeanOfTheTwoMiddleOnes() {
        // 10, 20, 25 and 50 invoices/s
        assertEquals(22.5, NodesBenchmark.median(List.of(took(10), took(2), took(5), took(4))), 1e-9);
    }

    @Test
    void oneRoundIsItsOwnFigure() {
        assertEquals(12.5, NodesBenchmark.median(List.of(took(8))), 1e-9);
    }
}
