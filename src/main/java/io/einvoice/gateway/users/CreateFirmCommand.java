package io.einvoice.gateway.users;

import io.einvoice.gateway.system.Database;

import java.io.Console;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code ./gateway admin create-firm --siren S --name N --email E}: the firm, its own dossier and its first ADMIN, on
 * the gateway's database (H2 under GATEWAY_HOME, or GATEWAY_DB_URL). The password comes from GATEWAY_ADMIN_PASSWORD,
 * or is asked twice on the terminal without echo; it is never printed.
 */
public final class CreateFirmCommand {

    static final String USAGE = "usage: ./gateway admin create-firm --siren SIREN --name NAME --email EMAIL"
            + " (password from GATEWAY_ADMIN_PASSWORD, or asked)";
    private static final Set<String> VALUED = Set.of("--siren", "--name", "--email");

    private final PrintStream out;
    private final PrintStream err;
    private final Supplier<Console> console;

    public CreateFirmCommand(PrintStream out, PrintStream err, Supplier<Console> console) {
        this.out = out;
        this.err = err;
        this.console = console;
    }

    /**
     * @param args what follows {@code admin}
     * @param database opened (and migrated) only once the arguments and the password are known
     * @return 0 created, 1 refused (exists already, a field not acceptable), 2 usage or could not run
     */
    public int run(String[] args, Map<String, String> env, Supplier<Database> database) {
        Map<String, String> options;
        String password;
        try {
            if (args.length == 0 || !args[0].equals("create-firm")) {
                throw new IllegalArgumentException("unknown admin command");
            }
            options = options(Arrays.copyOfRange(args, 1, args.length));
            password = password(env);
        } catch (IllegalArgumentException e) {
            err.println("admin: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        try (Database db = database.get()) {
            FirmOnboarding.Onboarded done = FirmOnboarding.of(db).createFirm(options.get("--siren"), options.get("--name"),
                    options.get("--email"), password, "cli:admin create-firm");
            out.println("firm " + done.firm().siren() + " (" + done.firm().name() + ") created with its own dossier;"
                    + " administrator " + done.admin().email() + " can log in with the password given");
            return 0;
        } catch (IllegalArgumentException | IllegalStateException e) {
            err.println("admin: " + e.getMessage());
            return 1;
        } catch (RuntimeException e) {
            err.println("admin: could not run: " + e.getMessage() + ". Check the database settings (GATEWAY_HOME,"
                    + " GATEWAY_DB_URL); with the embedded database, stop the running gateway first");
            return 2;
        }
    }

    private String password(Map<String, String> env) {
        String fromEnv = env.get("GATEWAY_ADMIN_PASSWORD");
        if (fromEnv != null && !fromEnv.isEmpty()) {
            return fromEnv;
        }
        Console terminal = console.get();
        if (terminal == null) {
            throw new IllegalArgumentException("no password: set GATEWAY_ADMIN_PASSWORD or run the command in a terminal");
        }
        char[] first = terminal.readPassword("password for the administrator: ");
        char[] second = terminal.readPassword("the same again: ");
        if (first == null || second == null || !Arrays.equals(first, second)) {
            throw new IllegalArgumentException("the two passwords differ");
        }
        return new String(first);
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (VALUED.contains(args[i]) && i + 1 < args.length) {
                options.put(args[i], args[++i]);
            } else {
                throw new IllegalArgumentException("unknown or incomplete option (argument " + (i + 1) + ")");
            }
        }
        for (String required : VALUED) {
            if (!options.containsKey(required)) {
                throw new IllegalArgumentException(required + " is required");
            }
        }
        return options;
    }
}
