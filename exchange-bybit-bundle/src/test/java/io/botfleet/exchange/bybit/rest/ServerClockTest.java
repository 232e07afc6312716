package io.botfleet.exchange.bybit.rest;

import static org.junit.Assert.assertEquals;

import org.junit.Test;

public class ServerClockTest {

    @Test
    public void aMeasurementSetsTheOffsetFromTheMidpoint() {
        ServerClock clock = new ServerClock();
        clock.update(10_500, 1_000, 1_200); // the server said 10,500 around our 1,100
        assertEquals(9_400, clock.offsetMillis());
        assertEquals(100, clock.uncertaintyMillis());
    }

    @Test
    public void aLaterMessageMovesTheClockAheadButNeverBack() {
        ServerClock clock = new ServerClock();
        clock.update(10_500, 1_000, 1_200);
        clock.notBefore(70_000, 2_000);
        assertEquals(68_000, clock.offsetMillis());
        clock.notBefore(5_000, 3_000);
        assertEquals(68_000, clock.offsetMillis());
    }

    @Test
    public void aMeasurementSentBeforeAJumpCannotUndoIt() {
        ServerClock clock = new ServerClock();
        clock.update(10_500, 1_000, 1_200);
        // sent at 1,500, before a push at 1,600 showed the server's clock 60 s further on; its
        // answer (computed before the jump) arrives after the push
        clock.notBefore(70_600, 1_600);
        clock.notBefore(10_900, 1_700); // the late answer's own time: an older, lower bound
        clock.update(10_900, 1_500, 1_700);
        assertEquals(69_000, clock.offsetMillis());
    }

    @Test
    public void anOlderMeasurementAnsweredLateIsIgnored() {
        ServerClock clock = new ServerClock();
        clock.update(20_000, 2_000, 2_100); // the newer measurement
        clock.update(10_000, 1_000, 2_200); // sent earlier, answered later
        assertEquals(17_950, clock.offsetMillis());
    }

    @Test
    public void aMeasurementSentAfterTheLastMessageMayCorrectTheClockDown() {
        ServerClock clock = new ServerClock();
        clock.notBefore(70_000, 2_000);
        clock.update(12_100, 3_000, 3_200); // a fresh measurement: the venue corrected its clock
        assertEquals(9_000, clock.offsetMillis());
    }
}
