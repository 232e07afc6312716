package io.botfleet.exchange.bybit.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import io.botfleet.api.exchange.Balance;
import java.util.ArrayList;
import java.util.List;

/** {@code /v5/account/wallet-balance}: per coin {@code walletBalance} and {@code locked}. */
public final class AccountMapper {

    private AccountMapper() {
    }

    public static List<Balance> balances(JsonNode result) {
        List<Balance> out = new ArrayList<>();
        for (JsonNode account : result.path("list")) {
            for (JsonNode c : account.path("coin")) {
                String coin = BybitJson.text(c, "coin");
                if (coin.isEmpty()) {
                    continue;
                }
                out.add(new Balance(coin, BybitJson.decimalOrZero(c, "walletBalance"),
                        BybitJson.decimalOrZero(c, "locked")));
            }
        }
        return out;
    }
}
