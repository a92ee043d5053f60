package io.einvoice.gateway.system;

import io.einvoice.gateway.validation.InvoiceValidator;
import io.einvoice.gateway.validation.ReportJson;
import io.einvoice.gateway.validation.ValidationReport;
import io.einvoice.gateway.validation.ValidationUnavailableException;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code ./gateway validate FILE... [--json]}: one verdict line per file, or with {@code --json} the full reports as a
 * JSON array. Exit status 0 when every file is valid, 1 when some file is invalid, 2 when validation could not run
 * (no file given, a file that cannot be read, a validator failure).
 */
public final class ValidateCommand {

    private ValidateCommand() {
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        boolean json = List.of(args).contains("--json");
        List<Path> files = List.of(args).stream().filter(a -> !a.equals("--json")).map(Path::of).toList();
        if (files.isEmpty()) {
            err.println("usage: ./gateway validate FILE... [--json]");
            return 2;
        }
        InvoiceValidator validator;
        try {
            // a few files need a few of the rule sets: compiling all of them would take most of the run
            validator = InvoiceValidator.onDemand();
        } catch (IllegalStateException e) {
            err.println("validate: the validation rules cannot be loaded: " + e.getMessage());
            return 2;
        }
        List<ValidationReport> reports = new ArrayList<>();
        boolean couldNotRun = false;
        for (Path file : files) {
            try {
                ValidationReport report = validator.validate(Files.readAllBytes(file), file.getFileName().toString());
                reports.add(report);
                if (!json) {
                    out.println(line(file, report));
                }
            } catch (IOException e) {
                err.println("ERROR   " + file + ": cannot be read (" + e + ")");
                couldNotRun = true;
            } catch (ValidationUnavailableException e) {
                err.println("ERROR   " + file + ": " + e.getMessage());
                couldNotRun = true;
            }
        }
        if (json) {
            out.println(new String(ReportJson.bytes(reports), StandardCharsets.UTF_8));
        }
        if (couldNotRun) {
            return 2;
        }
        return reports.stream().allMatch(ValidationReport::valid) ? 0 : 1;
    }

    static String line(Path file, ValidationReport report) {
        String what = (report.syntax() == null ? report.container() == null ? "unknown" : report.container() : report.syntax())
                + (report.profile() == null ? "" : " " + report.profile());
        if (report.valid()) {
            return String.format(Locale.ROOT, "VALID   %s (%s, %d warnings)", file, what, report.warnings());
        }
        List<String> rules = report.errorRuleIds();
        return String.format(Locale.ROOT, "INVALID %s (%s, %d errors: %s%s)", file, what, report.errors(),
                String.join(", ", rules.subList(0, Math.min(8, rules.size()))), rules.size() > 8 ? ", ..." : "");
    }
}
