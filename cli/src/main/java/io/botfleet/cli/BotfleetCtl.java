package io.botfleet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * botfleetctl, the command-line client of a Botfleet server: {@code bots}, {@code bot <id>},
 * {@code start|stop|pause|resume <id>}, {@code deploy <jar>}, {@code strategies},
 * {@code swap <bot> <version> [--strategy <id>]}, {@code rollback <bot>}, {@code history <bot>},
 * {@code candles upload|list}, {@code backtest}, {@code nodes}, {@code drain <node>}, {@code activate <node>}.
 *
 * <p>Exit status: 0 done, 1 the server refused (its problem's {@code detail} on stderr), 2 a bad
 * command line, 3 the server could not be reached.
 */
@Command(name = "botfleetctl", mixinStandardHelpOptions = true, versionProvider = BotfleetCtl.Version.class,
        description = {"The command-line client of a Botfleet server.",
                "Server: --url, else BOTFLEET_URL, else " + BotfleetCtl.DEFAULT_URL + ".",
                "Token: BOTFLEET_TOKEN (viewer for reading; operator for verbs, swap, rollback, candles upload,"
                        + " backtest; admin for deploy, drain and activate)."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:done", "1:the server refused; its detail is printed", "2:bad command line or file",
                "3:the server could not be reached"})
public final class BotfleetCtl implements Callable<Integer> {

    static final String DEFAULT_URL = "http://127.0.0.1:8080";

    @Option(names = "--url", paramLabel = "<url>", description = "the server (default: BOTFLEET_URL, else " + DEFAULT_URL + ")")
    String url;

    @Option(names = "--json", scope = ScopeType.INHERIT, description = "print the server's JSON as it came, not a table")
    boolean json;

    @Spec
    CommandSpec spec;

    private final Map<String, String> environment;
    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean terminal;
    private ApiClient client;

    private BotfleetCtl(Map<String, String> environment, PrintWriter out, PrintWriter err, boolean terminal) {
        this.environment = environment;
        this.out = out;
        this.err = err;
        this.terminal = terminal;
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        System.exit(run(args, System.getenv(), out, err, System.console() != null));
    }

    /** Runs one command line, not at a terminal; returns the exit status. */
    public static int run(String[] args, Map<String, String> environment, PrintWriter out, PrintWriter err) {
        return run(args, environment, out, err, false);
    }

    /** Runs one command line; {@code terminal}: a person watches (progress bars); returns the exit status. */
    public static int run(String[] args, Map<String, String> environment, PrintWriter out, PrintWriter err,
                          boolean terminal) {
        BotfleetCtl ctl = new BotfleetCtl(environment, out, err, terminal);
        CommandLine commandLine = new CommandLine(ctl)
                .addSubcommand(new BotsCommand())
                .addSubcommand(new BotCommand())
                .addSubcommand("start", lifecycle("start", "Start a bot (CREATED, STOPPED or FAILED)."))
                .addSubcommand("stop", lifecycle("stop", "Stop a bot; its strategy state is checkpointed."))
                .addSubcommand("pause", lifecycle("pause", "Pause a RUNNING bot: it follows the market, no new entries."))
                .addSubcommand("resume", lifecycle("resume", "Resume a PAUSED bot."))
                .addSubcommand(new DeployCommand())
                .addSubcommand(new StrategiesCommand())
                .addSubcommand(new SwapCommand())
                .addSubcommand(new RollbackCommand())
                .addSubcommand(new HistoryCommand())
                .addSubcommand(new CandlesCommand())
                .addSubcommand(new BacktestCommand())
                .addSubcommand(new NodesCommand())
                .addSubcommand(new DrainCommand())
                .addSubcommand(new ActivateCommand())
                .setOut(out)
                .setErr(err)
                .setExecutionExceptionHandler((e, failed, parseResult) -> report(e, ctl));
        int status = commandLine.execute(args);
        out.flush();
        err.flush();
        return status;
    }

    private static CommandLine lifecycle(String verb, String description) {
        CommandLine command = new CommandLine(new LifecycleCommand(verb));
        command.getCommandSpec().usageMessage().description(description);
        return command;
    }

    /** What a failed command prints: one line on stderr (and a problem's JSON on stdout with --json). */
    private static int report(Exception e, BotfleetCtl ctl) throws Exception {
        if (!(e instanceof CtlException failure)) {
            throw e;
        }
        if (ctl.json && failure instanceof ProblemException problem && problem.body() != null && !problem.body().isBlank()) {
            ctl.out.println(problem.body());
        }
        ctl.err.println("botfleetctl: " + failure.getMessage());
        return failure.exitCode();
    }

    /** No subcommand: the usage, and a usage error. */
    @Override
    public Integer call() {
        err.println("botfleetctl: a command is needed");
        spec.commandLine().usage(err);
        return CtlException.USAGE;
    }

    boolean json() {
        return json;
    }

    PrintWriter out() {
        return out;
    }

    PrintWriter err() {
        return err;
    }

    /** A progress bar on stderr is drawn only for a person at a terminal. */
    boolean terminal() {
        return terminal;
    }

    /** Prints an answer: the server's JSON as it came with --json, else {@code render}'s view. */
    int print(ApiResponse response, Function<JsonNode, String> render) {
        if (json) {
            out.println(response.body());
        } else {
            out.print(render.apply(response.json()));
        }
        out.flush();
        return 0;
    }

    /** The client for --url or BOTFLEET_URL (else the default) with BOTFLEET_TOKEN; made once. */
    ApiClient client() {
        if (client == null) {
            String server = url != null ? url : environment.getOrDefault("BOTFLEET_URL", "");
            client = new ApiClient(server.isBlank() ? DEFAULT_URL : server, environment.get("BOTFLEET_TOKEN"));
        }
        return client;
    }

    /** The version of this jar, from its manifest. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = BotfleetCtl.class.getPackage().getImplementationVersion();
            return new String[] {"botfleetctl " + (version == null ? "(development build)" : version)};
        }
    }
}
