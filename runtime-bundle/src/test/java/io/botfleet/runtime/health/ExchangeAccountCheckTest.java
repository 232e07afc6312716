package io.botfleet.runtime.health;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.botfleet.api.exchange.AccountHealth;
import io.botfleet.api.exchange.AccountStatus;
import java.util.ArrayList;
import java.util.List;
import org.apache.felix.hc.api.Result;
import org.junit.Test;

public class ExchangeAccountCheckTest {

    @Test
    public void staleBotsMakeAnUpAccountAWarningNamingThem() {
        List<String> stale = new ArrayList<>();
        ExchangeAccountCheck check = new ExchangeAccountCheck("exchange:bybit/main", AccountHealth::up, () -> stale);
        assertEquals(Result.Status.OK, check.execute().getStatus());

        stale.add("btc-1");
        Result warn = check.execute();
        assertEquals(Result.Status.WARN, warn.getStatus());
        String message = warn.iterator().next().getMessage();
        assertEquals("UP; 1 bot has a STALE feed (no candle within the stale limit): btc-1", message);

        for (int i = 2; i <= 7; i++) {
            stale.add("btc-" + i);
        }
        assertTrue(ExchangeAccountCheck.staleMessage(stale),
                ExchangeAccountCheck.staleMessage(stale).endsWith("btc-1, btc-2, btc-3, btc-4, btc-5 and 2 more"));

        stale.clear();
        assertEquals("clears with the feed", Result.Status.OK, check.execute().getStatus());
    }

    @Test
    public void aDownAccountStaysCritical() {
        ExchangeAccountCheck check = new ExchangeAccountCheck("exchange:bybit/main",
                () -> new AccountHealth(AccountStatus.DOWN, "key refused"), () -> List.of("btc-1"));
        assertEquals(Result.Status.CRITICAL, check.execute().getStatus());
    }
}
