package dev.neurite.serve;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import sun.misc.Signal;

/**
 * {@code neurite serve} as a process: starts the server, prints its URL, and answers signals until told
 * to stop. SIGTERM and SIGINT (Ctrl-C) stop it gracefully, and the process exits 0 once requests in
 * flight are answered (at most the options' shutdown bound); a second one exits at once (status 130
 * or 143). SIGHUP reloads every model file, as {@code POST /v2/repository/models/{name}/load} does for one.
 *
 * <p>Signals are taken with {@code sun.misc.Signal} (module jdk.unsupported), the only way a Java 17
 * program can handle SIGHUP or exit 0 on SIGTERM; where a signal cannot be taken (a JVM run with
 * {@code -Xrs}) one line says so and the JVM's default stays.
 */
public final class ServerProcess {
    private ServerProcess() {}

    /**
     * Serves until SIGTERM or SIGINT; returns the exit status (0 after a graceful stop).
     *
     * @throws IOException when a model does not load or the address cannot be bound
     */
    public static int run(ServeOptions options, PrintWriter out, PrintWriter err) throws IOException, InterruptedException {
        InferenceServer server = InferenceServer.start(options, err);
        AtomicBoolean stopping = new AtomicBoolean();
        for (String name : List.of("TERM", "INT")) {
            int status = name.equals("TERM") ? 143 : 130;
            take(name, err, () -> {
                if (!stopping.compareAndSet(false, true)) {
                    Runtime.getRuntime().halt(status);
                }
                err.println("neurite serve: SIG" + name + ", stopping (again to stop at once)");
                err.flush();
                Thread t = new Thread(server::close, "neurite-shutdown");
                t.start();
            });
        }
        take("HUP", err, () -> {
            List<String> problems = server.reloadAll();
            for (String p : problems) {
                err.println("neurite serve: SIGHUP: not reloaded, the old model keeps serving: " + p);
            }
            err.println("neurite serve: SIGHUP: reloaded " + (options.models().size() - problems.size()) + " of "
                    + options.models().size() + " models");
            err.flush();
        });
        out.println("neurite serve: " + server.url() + " (models: " + String.join(", ", options.models().keySet()) + ")");
        out.flush();
        server.awaitStop();
        return 0;
    }

    private static void take(String signal, PrintWriter err, Runnable action) {
        try {
            Signal.handle(new Signal(signal), s -> action.run());
        } catch (IllegalArgumentException e) {
            err.println("neurite serve: cannot handle SIG" + signal + " here (" + e.getMessage() + "); its default stays");
            err.flush();
        }
    }
}
