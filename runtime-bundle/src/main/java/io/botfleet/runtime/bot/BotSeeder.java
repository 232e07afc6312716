package io.botfleet.runtime.bot;

import io.botfleet.api.bot.BotConfig;
import io.botfleet.api.bot.json.BotConfigJson;
import io.botfleet.api.home.BotfleetHome;
import io.botfleet.api.store.InstallationStore;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.osgi.framework.BundleContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the bots in {@code etc/bots/*.json} at the first start of an installation, so the
 * distribution comes with a demo bot. Once only: a bot the operator deleted is not re-created
 * at the next start. A file that does not parse is logged with its reason and skipped.
 */
final class BotSeeder {

    private static final Logger LOG = LoggerFactory.getLogger(BotSeeder.class);
    private static final String SEEDED = "bots-seeded";

    private final Fleet fleet;
    private final InstallationStore installation;
    private final Path folder;

    BotSeeder(Fleet fleet, InstallationStore installation, BundleContext context) {
        this.fleet = fleet;
        this.installation = installation;
        this.folder = BotfleetHome.resolve(context::getProperty).resolve("etc").resolve("bots");
    }

    void seedOnFirstStart() {
        if (installation.get(SEEDED).isPresent()) {
            return;
        }
        if (Files.isDirectory(folder)) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*.json")) {
                files.forEach(this::seed);
            } catch (IOException e) {
                LOG.error("cannot read {}: {}", folder, e.toString());
            }
        }
        installation.getOrCreate(SEEDED, Instant.now().toString());
    }

    private void seed(Path file) {
        try {
            BotConfig config = BotConfigJson.parseText(Files.readString(file));
            fleet.add(config, "seed");
            LOG.info("seeded bot {} from {}", config.id(), file.getFileName());
        } catch (IOException | RuntimeException e) {
            LOG.error("bot file {} not loaded: {}", file, e.getMessage());
        }
    }
}
