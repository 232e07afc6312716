package io.botfleet.runtime.shell;

import static org.junit.Assert.assertArrayEquals;

import org.junit.Test;

public class FleetCommandsTest {

    @Test
    public void scopesAreTheFleetAnExchangeOrAnAccount() {
        assertArrayEquals(new String[] {null, null}, FleetCommands.split("all"));
        assertArrayEquals(new String[] {"bybit", null}, FleetCommands.split("bybit"));
        assertArrayEquals(new String[] {"bybit", "main"}, FleetCommands.split("bybit/main"));
    }
}
