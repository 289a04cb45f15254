// The HTTP-layer measurement behind docs/serving.md: one endpoint that reads the request body (an infer
// request's ~5 KB, posted by wrk) and answers a small JSON object, on the JDK's built-in server (a fixed
// pool of 8 workers, TCP_NODELAY as neurite serve sets it) or on Jetty 12 with its defaults. Run by
// bench/serve-layers, which loads each with wrk; not part of the build.
//
//   java -cp JETTY_JARS bench/HttpLayers.java jdk|jetty PORT
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

public class HttpLayers {
    static final byte[] BODY = "{\"live\":true}".getBytes(StandardCharsets.UTF_8);

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[1]);
        if (args[0].equals("jdk")) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
            com.sun.net.httpserver.HttpServer s = com.sun.net.httpserver.HttpServer.create(new InetSocketAddress("127.0.0.1", port), 1024);
            s.setExecutor(Executors.newFixedThreadPool(8));
            s.createContext("/v2/health/live", ex -> {
                try (var in = ex.getRequestBody()) {
                    in.readAllBytes();
                }
                ex.getResponseHeaders().set("Content-Type", "application/json");
                ex.sendResponseHeaders(200, BODY.length);
                try (var out = ex.getResponseBody()) {
                    out.write(BODY);
                }
            });
            s.start();
        } else {
            org.eclipse.jetty.server.Server s = new org.eclipse.jetty.server.Server();
            org.eclipse.jetty.server.ServerConnector c = new org.eclipse.jetty.server.ServerConnector(s);
            c.setHost("127.0.0.1");
            c.setPort(port);
            s.addConnector(c);
            s.setHandler(new org.eclipse.jetty.server.Handler.Abstract() {
                @Override
                public boolean handle(org.eclipse.jetty.server.Request request, org.eclipse.jetty.server.Response response,
                                      org.eclipse.jetty.util.Callback callback) {
                    org.eclipse.jetty.io.Content.Source.asByteBufferAsync(request).whenComplete((body, failure) -> {
                        response.getHeaders().put("Content-Type", "application/json");
                        response.write(true, ByteBuffer.wrap(BODY), callback);
                    });
                    return true;
                }
            });
            s.start();
        }
        System.out.println("ready");
    }
}
