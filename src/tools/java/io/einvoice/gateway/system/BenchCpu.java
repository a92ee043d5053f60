package io.einvoice.gateway.system;

import io.einvoice.gateway.validation.InvoiceValidator;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a benchmark prints beside its wall time. The machines it runs on are shared, so items per second alone say little:
 * the CPU time the gateway process(es) spent per item, and the load average while it ran, say how much of the machine
 * the figure had.
 */
final class BenchCpu {

    private static final List<String> KINDS = List.of("gateway", "JIT", "GC", "JVM");
    /** USER_HZ: the unit of the times in /proc/PID/task/TID/stat on Linux. */
    private static final long TICKS_PER_SECOND = 100;

    private final long startNanos;
    /** Per node (Linux): the CPU ticks so far of each of its threads, to print where the time went. */
    private final Map<Long, Map<Long, ThreadTicks>> threadsAtStart;
    /** The whole machine's CPU ticks so far (Linux), null elsewhere. */
    private final MachineTicks machineAtStart;

    private BenchCpu(long startNanos, Map<Long, Map<Long, ThreadTicks>> threadsAtStart) {
        this.startNanos = startNanos;
        this.threadsAtStart = threadsAtStart;
        this.machineAtStart = MachineTicks.now();
    }

    /** @param kernelTicks the part of {@code ticks} spent in the kernel on the thread's behalf (system calls, page faults) */
    private record ThreadTicks(String kind, long ticks, long kernelTicks) {
    }

    /** The first line of /proc/stat: every core's ticks, busy (user, system, interrupts...) and idle (idle, iowait). */
    private record MachineTicks(long busy, long kernel, long idle) {

        static MachineTicks now() {
            try {
                String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
                long user = Long.parseLong(f[1]) + Long.parseLong(f[2]);
                long kernel = Long.parseLong(f[3]) + Long.parseLong(f[6]) + Long.parseLong(f[7]);
                long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
                return new MachineTicks(user + kernel + Long.parseLong(f[8]), kernel, idle);
            } catch (IOException | RuntimeException noProc) {
                return null;
            }
        }
    }

    /** Counts this JVM's CPU time from now on. */
    static BenchCpu ofThisProcess() {
        return new BenchCpu(processCpuNanos(), Map.of());
    }

    /** Counts the CPU time of the given child gateways from now on (they must stay alive until {@link #of}). */
    static BenchCpu ofNodes(Collection<ChildGateway> nodes) {
        Map<Long, Map<Long, ThreadTicks>> threads = new HashMap<>();
        for (ChildGateway node : nodes) {
            threads.put(node.pid(), threads(node.pid()));
        }
        return new BenchCpu(nodes.stream().mapToLong(ChildGateway::cpuNanos).sum(), threads);
    }

    /** "CPU 123.4 ms per invoice (24.7 s), load average 3.10 2.80 2.00" for this JVM. */
    String perItem(int items, String unit) {
        return line(processCpuNanos() - startNanos, items, unit);
    }

    /**
     * The same for child gateways, and per node where its CPU went by kind of thread (Linux): the gateway's own work,
     * the JIT compilers, the garbage collector, the rest of the JVM. A kind that grows with the number of nodes is what
     * a second node costs beyond the work itself.
     */
    String perItem(Collection<ChildGateway> nodes, int items, String unit) {
        StringBuilder line = new StringBuilder(line(nodes.stream().mapToLong(ChildGateway::cpuNanos).sum() - startNanos,
                items, unit));
        int n = 0;
        for (ChildGateway node : nodes) {
            n++;
            Map<Long, ThreadTicks> atStart = threadsAtStart.get(node.pid());
            Map<Long, ThreadTicks> now = threads(node.pid());
            if (atStart == null || now.isEmpty()) {
                continue; // started after the count (a killed node's second run), or not Linux
            }
            // per thread: HotSpot adds and ends compiler threads as its queue grows and shrinks
            Map<String, Long> byKind = new HashMap<>();
            long gatewayKernel = 0;
            for (Map.Entry<Long, ThreadTicks> e : now.entrySet()) {
                ThreadTicks before = atStart.get(e.getKey());
                ThreadTicks t = e.getValue();
                byKind.merge(t.kind(), t.ticks() - (before == null ? 0 : before.ticks()), Long::sum);
                if (t.kind().equals("gateway")) {
                    gatewayKernel += t.kernelTicks() - (before == null ? 0 : before.kernelTicks());
                }
            }
            line.append(String.format(Locale.ROOT, "; node %d by thread:", n));
            for (String kind : KINDS) {
                line.append(String.format(Locale.ROOT, " %s %.1f ms", kind,
                        byKind.getOrDefault(kind, 0L) * 1000.0 / TICKS_PER_SECOND / items));
                if (kind.equals("gateway")) {
                    line.append(String.format(Locale.ROOT, " (kernel %.1f)", gatewayKernel * 1000.0 / TICKS_PER_SECOND / items));
                }
            }
        }
        return line.append(machine()).toString();
    }

    /**
     * How busy the whole machine was meanwhile (the database and the broker included): below 100 % the figure was not
     * limited by the cores; the kernel's share grows with system calls, page faults and context switches.
     */
    private String machine() {
        MachineTicks now = MachineTicks.now();
        if (machineAtStart == null || now == null) {
            return "";
        }
        long busy = now.busy() - machineAtStart.busy();
        long all = busy + now.idle() - machineAtStart.idle();
        return all <= 0 ? "" : String.format(Locale.ROOT, "; machine %.0f %% busy (kernel %.0f %%)", 100.0 * busy / all,
                100.0 * (now.kernel() - machineAtStart.kernel()) / all);
    }

    /**
     * The CPU ticks (user + system) of each live thread of a process, by thread id, from /proc; empty where there is no
     * /proc. Threads that ended before the count are not in it: the gateway's pools keep theirs.
     */
    private static Map<Long, ThreadTicks> threads(long pid) {
        Map<Long, ThreadTicks> threads = new HashMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", String.valueOf(pid), "task"))) {
            for (Path task : tasks) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    // "tid (name) state ...": the name may hold spaces and brackets, the fields after the last ')'
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long kernel = Long.parseLong(fields[12]); // stime
                    long ticks = Long.parseLong(fields[11]) + kernel; // utime + stime
                    threads.put(Long.parseLong(task.getFileName().toString()), new ThreadTicks(kind(name), ticks, kernel));
                } catch (IOException | RuntimeException ended) {
                    // the thread ended between the listing and the read
                }
            }
        } catch (IOException | RuntimeException noProc) {
            return Map.of();
        }
        return threads;
    }

    /** HotSpot's own threads by their names (15 characters at most in /proc); every Java thread is the gateway's. */
    private static String kind(String threadName) {
        if (threadName.startsWith("C1 Compiler") || threadName.startsWith("C2 Compiler")) {
            return "JIT";
        }
        if (threadName.startsWith("GC Thread") || threadName.startsWith("G1 ")) {
            return "GC";
        }
        if (threadName.startsWith("VM ") || threadName.startsWith("Sweeper")
                || threadName.startsWith("Service Thread") || threadName.startsWith("Common-Cleaner")) {
            return "JVM";
        }
        return "gateway";
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
