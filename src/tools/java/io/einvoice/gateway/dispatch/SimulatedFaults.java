package io.einvoice.gateway.dispatch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The faults a simulated platform (Chorus Pro, a PA) injects when a test asks, per route, in the order asked: the next
 * calls refused with an error status and left unprocessed, or processed and answered late (the client times out).
 */
public final class SimulatedFaults {

    /** One injected fault: a refusal with {@link #status}, or, with a {@link #delay}, an answer held back. */
    public record Fault(String route, int status, Duration delay) {

        /** The call is refused unprocessed; otherwise it is processed and its answer held back by {@link #holdBack}. */
        public boolean refuses() {
            return delay == null;
        }

        public void holdBack() {
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private final List<Fault> faults = new ArrayList<>();

    public synchronized void failNext(String route, int status, int times) {
        for (int i = 0; i < times; i++) {
            faults.add(new Fault(route, status, null));
        }
    }

    public synchronized void delayNext(String route, Duration delay) {
        faults.add(new Fault(route, 0, delay));
    }

    /** The first fault waiting for {@code route}, taken; null when none. */
    public synchronized Fault take(String route) {
        for (int i = 0; i < faults.size(); i++) {
            if (faults.get(i).route().equals(route)) {
                return faults.remove(i);
            }
        }
        return null;
    }
}
