package io.botfleet.persistence.journal;

import io.botfleet.api.store.BotProgress;
import io.botfleet.persistence.json.PlainDataJson;

/**
 * A progress with its risk state already rendered as JSON: rendering happens on the submitting
 * bot's thread, so the single writer thread only does I/O, and a risk state that cannot be
 * written fails the submit at once.
 */
record ProgressRow(BotProgress progress, String riskStateJson) {

    static ProgressRow of(BotProgress progress) {
        return progress == null ? null : new ProgressRow(progress, PlainDataJson.write(progress.riskState()));
    }
}
