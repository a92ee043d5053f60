package io.einvoice.gateway.facturx;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * {@code ./gateway convert FILE --to facturx|cii|ubl -o OUT [--profile P]}: reads any invoice the gateway reads
 * (Factur-X/ZUGFeRD PDF, CII, UBL) and writes it in the asked format through the canonical model. A PDF input stays the
 * visual part of the Factur-X when it can be made PDF/A-3; otherwise the page is rendered from the XML and the reason is
 * printed. Exit status: 0 converted, 1 could not convert (reason on stderr), 2 usage error.
 */
public final class ConvertCommand {

    public static final String USAGE = "usage: ./gateway convert FILE --to facturx|cii|ubl -o OUT [--profile "
            + "MINIMUM|BASIC_WL|BASIC|EN16931|EXTENDED]";

    private final InvoiceReader reader = new InvoiceReader();
    private final FacturXWriter writer = new FacturXWriter();

    public int run(String[] args, PrintStream out, PrintStream err) {
        String input = null;
        String to = null;
        String output = null;
        Profile profile = Profile.EN16931;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--to" -> to = args[++i].toLowerCase(Locale.ROOT);
                    case "-o", "--output" -> output = args[++i];
                    case "--profile" -> profile = Profile.parse(args[++i]);
                    default -> {
                        if (args[i].startsWith("-") || input != null) {
                            return usage(err, "unexpected argument '" + args[i] + "'");
                        }
                        input = args[i];
                    }
                }
            }
        } catch (ArrayIndexOutOfBoundsException e) {
            return usage(err, "option " + args[args.length - 1] + " needs a value");
        } catch (IllegalArgumentException e) {
            return usage(err, e.getMessage());
        }
        if (input == null || to == null || output == null) {
            return usage(err, "FILE, --to and -o are required");
        }
        if (!to.equals("facturx") && !to.equals("cii") && !to.equals("ubl")) {
            return usage(err, "--to must be facturx, cii or ubl, not '" + to + "'");
        }
        try {
            byte[] content = Files.readAllBytes(Path.of(input));
            StructuredInvoice read = reader.read(content);
            Profile written = Profile.writableFor(read.invoice(), profile);
            if (written != profile && !to.equals("ubl")) {
                out.println("the invoice has no lines, so it is written in " + written + " rather than " + profile);
            }
            byte[] result;
            String described;
            if (to.equals("facturx")) {
                FacturXResult facturX = facturX(content, read, written, out);
                result = facturX.pdf();
                described = "Factur-X " + facturX.profile();
            } else {
                result = to.equals("cii") ? writer.toCii(read.invoice(), written) : writer.toUbl(read.invoice());
                described = to.equals("cii") ? "CII " + written : "UBL 2.1";
            }
            Files.write(Path.of(output), result);
            out.printf("%s (%s) -> %s (%s)%n", input, read.format(), output, described);
            return 0;
        } catch (NoSuchFileException e) {
            err.println("cannot convert " + input + ": no such file " + e.getFile());
            return 1;
        } catch (IOException e) {
            err.println("cannot convert " + input + ": " + e.getMessage());
            return 1;
        } catch (UnreadableInvoiceException | ConversionException e) {
            err.println("cannot convert " + input + ": " + e.getMessage());
            return 1;
        }
    }

    private FacturXResult facturX(byte[] content, StructuredInvoice read, Profile profile, PrintStream out) throws ConversionException {
        boolean pdf = read.format() == InvoiceFormat.FACTUR_X || read.format() == InvoiceFormat.ZUGFERD;
        FacturXResult result = writer.toFacturX(pdf ? content : null, read, profile);
        result.notes().forEach(note -> out.println("note: " + note));
        if (!result.originalProblems().isEmpty()) {
            out.println("the original PDF could not be kept as PDF/A-3, the page was rendered from the XML instead:");
            result.originalProblems().forEach(problem -> out.println("  - " + problem));
        }
        return result;
    }

    private static int usage(PrintStream err, String problem) {
        err.println(problem);
        err.println(USAGE);
        return 2;
    }
}
