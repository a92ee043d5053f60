package io.einvoice.gateway.system;

import io.einvoice.gateway.validation.InvoiceValidator;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.Locale;

/**
 * What a benchmark prints beside its wall time. The machines it runs on are shared, so items per second alone say little:
 * the CPU time the gateway process(es) spent per item, and the load average while it ran, say how much of the machine
 * the figure had.
 */
final class BenchCpu {

    private final long startNanos;

    private BenchCpu(long startNanos) {
        this.startNanos = startNanos;
    }

    /** Counts this JVM's CPU time from now on. */
    static BenchCpu ofThisProcess() {
        return new BenchCpu(processCpuNanos());
    }

    /** Counts the CPU time of the given child gateways from now on (they must stay alive until {@link #of}). */
    static BenchCpu ofNodes(Collection<ChildGateway> nodes) {
        return new BenchCpu(nodes.stream().mapToLong(ChildGateway::cpuNanos).sum());
    }

    /** "CPU 123.4 ms per invoice (24.7 s), load average 3.10 2.80 2.00" for this JVM. */
    String perItem(int items, String unit) {
        return line(processCpuNanos() - startNanos, items, unit);
    }

    /** The same for child gateways. */
    String perItem(Collection<ChildGateway> nodes, int items, String unit) {
        return line(nodes.stream().mapToLong(ChildGateway::cpuNanos).sum() - startNanos, items, unit);
    }

    private static String line(long cpuNanos, int items, String unit) {
        return String.format(Locale.ROOT, "CPU %.1f ms per %s (%.1f s), load average %s", cpuNanos / 1e6 / items, unit,
                cpuNanos / 1e9, loadAverage());
    }

    /**
     * Compiles the validation rules the gateway compiles in the background at each start (tens of CPU-seconds, once
     * per JVM: {@link InvoiceValidator#shared}), so the figures that follow are per item, not the start's share.
     */
    static void compileValidationRules() {
        long started = System.nanoTime();
        long cpu = processCpuNanos();
        InvoiceValidator.shared();
        System.out.printf(Locale.ROOT, "bench: validation rules compiled before the clock starts: %.1f s, CPU %.1f s%n",
                (System.nanoTime() - started) / 1e9, (processCpuNanos() - cpu) / 1e9);
    }

    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    static long cpuNanos(ProcessHandle process) {
        return process.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }

    /** The 1, 5 and 15 minute load averages (Linux), else the JVM's 1 minute figure. */
    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException e) {
            return String.format(Locale.ROOT, "%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }
}
