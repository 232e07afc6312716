package io.botfleet.control.http.stream;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.Test;

public class EventLogTest {

    @Test
    public void replaysWhatWasMissedWhileHeld() {
        EventLog log = new EventLog(3);
        for (int i = 1; i <= 5; i++) {
            log.append("bot", "{\"n\":" + i + "}");
        }
        assertEquals(5, log.lastId());
        List<StreamEvent> missed = log.since(3);
        assertEquals(List.of(4L, 5L), missed.stream().map(StreamEvent::id).toList());
        assertEquals("only what is still held", List.of(3L, 4L, 5L),
                log.since(0).stream().map(StreamEvent::id).toList());
        assertTrue(log.since(5).isEmpty());
        assertEquals("an id from another process: all held", 3, log.since(99).size());
    }

    @Test
    public void encodesOneSseEvent() {
        String text = new String(new StreamEvent(7, "fill", "{\"a\":1}").encode(), StandardCharsets.UTF_8);
        assertEquals("id: 7\nevent: fill\ndata: {\"a\":1}\n\n", text);
    }
}
