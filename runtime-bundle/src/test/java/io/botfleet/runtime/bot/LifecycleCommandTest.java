package io.botfleet.runtime.bot;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.botfleet.api.bot.BotConflictException;
import io.botfleet.api.bot.BotState;
import org.junit.Test;

public class LifecycleCommandTest {

    @Test
    public void refusalNamesTheStateAndWhatTheVerbNeeds() {
        try {
            LifecycleCommand.RESUME.check("btc-1", BotState.STOPPED);
            fail();
        } catch (BotConflictException e) {
            assertEquals("bot btc-1 is STOPPED; resume needs PAUSED", e.getMessage());
        }
    }

    @Test
    public void legalTransitionsFollowTheDesign() {
        assertTrue(LifecycleCommand.START.isLegalFrom(BotState.CREATED));
        assertTrue(LifecycleCommand.START.isLegalFrom(BotState.STOPPED));
        assertTrue(LifecycleCommand.START.isLegalFrom(BotState.FAILED));
        assertFalse(LifecycleCommand.START.isLegalFrom(BotState.RUNNING));
        assertTrue(LifecycleCommand.STOP.isLegalFrom(BotState.SUSPENDED));
        assertFalse(LifecycleCommand.STOP.isLegalFrom(BotState.STOPPED));
        assertFalse(LifecycleCommand.STOP.isLegalFrom(BotState.CREATED));
        assertTrue(LifecycleCommand.PAUSE.isLegalFrom(BotState.RUNNING));
        assertFalse(LifecycleCommand.PAUSE.isLegalFrom(BotState.PAUSED));
        assertTrue(LifecycleCommand.RESUME.isLegalFrom(BotState.PAUSED));
        assertFalse(LifecycleCommand.RESUME.isLegalFrom(BotState.RUNNING));
        assertTrue(LifecycleCommand.DELETE.isLegalFrom(BotState.STOPPED));
        assertFalse(LifecycleCommand.DELETE.isLegalFrom(BotState.RUNNING));
    }
}
