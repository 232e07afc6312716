package io.botfleet.persistence.journal;

/**
 * What the group commit has done since the journal opened.
 *
 * @param commits        transactions committed
 * @param writes         writes committed (writes / commits = the mean batch size)
 * @param retriedBatches batches that failed together and were retried one write at a time
 * @param queued         writes waiting now
 */
public record JournalStats(long commits, long writes, long retriedBatches, long queued) {

    JournalStats plus(JournalStats other) {
        return new JournalStats(commits + other.commits, writes + other.writes,
                retriedBatches + other.retriedBatches, queued + other.queued);
    }
}
