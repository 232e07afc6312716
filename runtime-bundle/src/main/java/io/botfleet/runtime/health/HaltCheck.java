package io.botfleet.runtime.health;

import io.botfleet.api.admin.HealthChecks;
import io.botfleet.api.bot.BotManager;
import io.botfleet.api.bot.Halt;
import java.util.List;
import org.apache.felix.hc.api.FormattingResultLog;
import org.apache.felix.hc.api.HealthCheck;
import org.apache.felix.hc.api.Result;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Readiness while a halt (kill switch) is active: a warning naming each halt. The server is still
 * ready (it serves, and exits still go out); the warning keeps an operator from forgetting a halt.
 */
@Component(property = {HealthCheck.NAME + "=" + HaltCheck.NAME, HealthCheck.TAGS + "=" + HealthChecks.READY})
public final class HaltCheck implements HealthCheck {

    public static final String NAME = "halt";

    private final BotManager bots;

    @Activate
    public HaltCheck(@Reference BotManager bots) {
        this.bots = bots;
    }

    @Override
    public Result execute() {
        FormattingResultLog log = new FormattingResultLog();
        List<Halt> halts = bots.halts();
        for (Halt halt : halts) {
            log.warn("{}: no bot in scope opens a position until it is lifted", halt.describe());
        }
        if (halts.isEmpty()) {
            log.info("no halt is active");
        }
        return new Result(log);
    }
}
