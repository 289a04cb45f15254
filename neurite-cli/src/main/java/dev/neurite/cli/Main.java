package dev.neurite.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code neurite} command and its subcommands. */
@Command(name = "neurite", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Neural networks written from scratch in Java.",
        subcommands = {TrainCommand.class, EvaluateCommand.class, PredictCommand.class, InfoCommand.class,
                CvCommand.class, TuneCommand.class, ExportCommand.class, ImportCommand.class, XorCommand.class, BenchCommand.class, ServeCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    /** Exit status for usage errors and bad input. */
    public static final int USAGE = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT,
            description = "Show stack traces of errors.")
    boolean debug;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");   // charts and images are drawn off-screen
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line with the given streams and returns the exit status. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        return execute(new CommandLine(new Main()), args, out, err);
    }

    /**
     * Runs {@code cl} with Neurite's error handling: exit 2 and one line for bad arguments, bad input and
     * running out of memory; exit 1 and one line for an internal error; the stack trace only with --debug.
     */
    static int execute(CommandLine cl, String[] args, PrintWriter out, PrintWriter err) {
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler((ex, a) -> {
            CommandLine cmd = ex.getCommandLine();
            cmd.getErr().println("neurite: " + ex.getMessage() + " (see '" + cmd.getCommandSpec().qualifiedName()
                    + " --help' for the options)");
            return USAGE;
        });
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            boolean debug = parsed.matchedOption("--debug") != null
                    || parsed.subcommands().stream().anyMatch(p -> p.matchedOption("--debug") != null);
            if (debug) {
                ex.printStackTrace(cmd.getErr());
            }
            boolean userError = ex instanceof IllegalArgumentException || ex instanceof java.io.IOException
                    || ex instanceof java.io.UncheckedIOException || ex instanceof ArithmeticException;
            String message = ex instanceof java.nio.file.NoSuchFileException nsf ? nsf.getFile() + ": no such file"
                    : ex instanceof java.nio.file.AccessDeniedException ade ? ade.getFile() + ": permission denied"
                    : ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
            cmd.getErr().println("neurite: " + (userError ? "" : "internal error: ") + message
                    + (debug || userError ? "" : " (run with --debug for details)"));
            return userError ? USAGE : 1;
        });
        try {
            return cl.execute(args);
        } catch (OutOfMemoryError e) {
            // picocli passes Errors through; the arrays that filled the heap are unreachable by now
            if (java.util.Arrays.asList(args).contains("--debug")) {
                e.printStackTrace(err);
            }
            err.println("neurite: out of memory (" + e.getMessage() + "; this JVM may use at most "
                    + MemoryBudget.size(Runtime.getRuntime().maxMemory()) + "): use smaller layers, a smaller --batch-size"
                    + " or smaller inputs, or give Java more memory (NEURITE_JAVA_OPTS=-Xmx16g)");
            err.flush();
            return USAGE;
        }
    }

    /** The version from the jar's manifest, or "dev" when run from classes. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"neurite " + version(), "Java " + Runtime.version() + " (" + System.getProperty("java.vm.name") + ")"};
        }
    }

    /** Neurite's version. */
    public static String version() {
        String v = Main.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
