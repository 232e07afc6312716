package io.botfleet.backtest.osgi;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration PID {@code io.botfleet.candles} (e.g. {@code etc/io.botfleet.candles.cfg}). */
@ObjectClassDefinition(name = "Botfleet candle datasets")
public @interface CandleDatasetConfig {

    String PID = "io.botfleet.candles";

    @AttributeDefinition(description = "Largest CSV an upload may hold, in bytes, uncompressed (512 MiB)")
    long maxUploadBytes() default 512L << 20;

    @AttributeDefinition(description = "Pause between two pages of a download, in ms, leaving the account's"
            + " rate limit to its bots")
    long downloadPagePauseMillis() default 100;
}
