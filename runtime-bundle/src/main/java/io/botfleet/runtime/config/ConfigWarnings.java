package io.botfleet.runtime.config;

import io.botfleet.api.bot.ExchangeRef;
import java.util.List;

/** What is wrong with the configuration files in {@code etc/}, as the API shows it. */
public interface ConfigWarnings {

    /** Unknown keys in the file of an exchange account, oldest file first; empty when none. */
    List<UnknownKey> forAccount(ExchangeRef account);

    /** Every unknown key of every file. */
    List<UnknownKey> all();
}
