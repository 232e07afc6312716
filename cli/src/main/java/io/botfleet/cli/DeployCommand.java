package io.botfleet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "deploy", description = {"Upload a strategy bundle jar (admin token).",
        "The server checks it before anything changes; bots move to it with swap."})
final class DeployCommand extends ApiCommand {

    @Parameters(index = "0", paramLabel = "<jar>", description = "the bundle jar")
    Path jar;

    @Override
    ApiResponse request(ApiClient api) {
        return api.post(ApiPaths.BUNDLES, "application/java-archive", read(jar));
    }

    @Override
    String render(JsonNode bundle) {
        return StrategyViews.deployed(bundle);
    }

    private static byte[] read(Path jar) {
        if (Files.isDirectory(jar)) {
            throw new CtlException(CtlException.USAGE, jar + " is a folder, not a jar");
        }
        try {
            return Files.readAllBytes(jar);
        } catch (NoSuchFileException e) {
            throw new CtlException(CtlException.USAGE, "no file " + jar, e);
        } catch (IOException e) {
            throw new CtlException(CtlException.USAGE, "cannot read " + jar + ": " + e.getMessage(), e);
        }
    }
}
