package io.botfleet.control.http;

import io.botfleet.api.backtest.BacktestNotFoundException;
import io.botfleet.api.backtest.InvalidBacktestException;
import io.botfleet.api.bot.BotConflictException;
import io.botfleet.api.bot.BotNotFoundException;
import io.botfleet.api.bot.InvalidBotConfigException;
import io.botfleet.api.store.StoreConflictException;
import io.botfleet.api.store.StoreException;
import io.botfleet.api.strategy.StrategyParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The platform's exceptions → problems. Client errors keep their message (the platform writes
 * them for operators); anything unexpected becomes a 500 whose cause is logged here, with the
 * route but never the request body or headers, which may carry secrets.
 */
public final class ErrorMapper {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorMapper.class);

    private ErrorMapper() {
    }

    public static ApiException map(Throwable t, String action) {
        if (t instanceof ApiException api) {
            return api;
        }
        if (t instanceof BotNotFoundException e) {
            return ApiException.notFound(e.getMessage());
        }
        if (t instanceof BacktestNotFoundException e) {
            return ApiException.notFound(e.getMessage());
        }
        if (t instanceof InvalidBacktestException e) {
            return ApiException.invalid(e.field(), e.reason());
        }
        if (t instanceof InvalidBotConfigException e) {
            return ApiException.invalid(e.field(), stripField(e.getMessage(), e.field()));
        }
        if (t instanceof StrategyParameterException e) {
            String field = "strategy.params." + e.parameter();
            return ApiException.invalid(field, stripField(e.getMessage(), e.parameter() + ":"));
        }
        if (t instanceof BotConflictException e) {
            return ApiException.conflict(e.getMessage());
        }
        if (t instanceof StoreConflictException e) {
            return ApiException.conflict(e.getMessage());
        }
        if (t instanceof StoreException e) {
            LOG.error("{} failed: the store is unavailable", action, e);
            return ApiException.unavailable("the store is unavailable; try again later");
        }
        if (t instanceof UnsupportedOperationException e) {
            LOG.info("{}: not supported by the runtime: {}", action, e.getMessage());
            return ApiException.notImplemented(e.getMessage() == null
                    ? "not supported by this runtime" : e.getMessage());
        }
        LOG.error("{} failed with an internal error", action, t);
        return ApiException.internal();
    }

    /** "risk.orderQty must be > 0" → "must be > 0" (the field is carried separately). */
    private static String stripField(String message, String prefix) {
        if (message != null && message.startsWith(prefix)) {
            return message.substring(prefix.length()).trim();
        }
        return message;
    }
}
