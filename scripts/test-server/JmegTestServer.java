// Starts Temporal's time-skipping test server on a port, like io.temporal.testserver.TestServer, with one addition:
// `--start=<ISO instant>` sets the server's clock at start, so that a workflow scenario can begin on an exact
// Bishkek date (say 02.03.2026, before a holiday) whatever day the tests run on. Time then only moves forward,
// by time skipping. Usage: JmegTestServer <port> [--enable-time-skipping] [--start=2026-03-02T03:00:00Z]
// Without --enable-time-skipping, skipping starts locked, which is what @temporalio/testing expects: it unlocks it
// while a test sleeps or waits on a workflow's result.
import io.grpc.Grpc;
import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.temporal.internal.testservice.GRPCServerHelper;
import io.temporal.internal.testservice.TestServicesStarter;
import java.time.Instant;

public final class JmegTestServer {
  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      System.err.println("usage: JmegTestServer <port> [--enable-time-skipping] [--start=ISO-INSTANT]");
      System.exit(2);
    }
    int port = Integer.parseInt(args[0]);
    boolean timeSkipping = false;
    long startMillis = 0; // 0: the machine's clock, as Temporal's own launcher
    for (int i = 1; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--enable-time-skipping")) {
        timeSkipping = true;
      } else if (arg.startsWith("--start=")) {
        startMillis = Instant.parse(arg.substring("--start=".length())).toEpochMilli();
      } else {
        System.err.println("unknown argument: " + arg);
        System.exit(2);
      }
    }
    TestServicesStarter services = new TestServicesStarter(!timeSkipping, startMillis);
    ServerBuilder<?> builder = Grpc.newServerBuilderForPort(port, InsecureServerCredentials.create());
    GRPCServerHelper.registerServicesAndHealthChecks(services.getServices(), builder);
    Server server = builder.build().start();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.shutdownNow();
      services.close();
    }));
    server.awaitTermination();
  }
}
