package io.botfleet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.Callable;
import picocli.CommandLine.ParentCommand;

/**
 * A subcommand that makes one API request and prints the answer: the server's JSON as it came
 * with {@code --json}, a human view of it otherwise.
 */
abstract class ApiCommand implements Callable<Integer> {

    @ParentCommand
    BotfleetCtl ctl;

    /** The request; failures are thrown as {@link CtlException}s. */
    abstract ApiResponse request(ApiClient api);

    /** The human view of a successful answer, ending with a new line. */
    abstract String render(JsonNode answer);

    @Override
    public Integer call() {
        ApiResponse response = request(ctl.client());
        if (ctl.json()) {
            ctl.out().println(response.body());
        } else {
            ctl.out().print(render(response.json()));
        }
        ctl.out().flush();
        return 0;
    }
}
