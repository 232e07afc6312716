package io.botfleet.testdata;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.junit.Test;

public class CandleFilesTest {

    @Test
    public void bothFilesAreThereWithTheirHeaderAndRowCounts() throws IOException {
        assertRows(CandleFiles.UNITTEST_BTC, 13_681);
        assertRows(CandleFiles.ETH_BTC, 14_397);
    }

    @Test
    public void theFolderHoldsBothFiles() {
        assertTrue(Files.isRegularFile(CandleFiles.folder().resolve(CandleFiles.UNITTEST_BTC)));
        assertTrue(Files.isRegularFile(CandleFiles.folder().resolve(CandleFiles.ETH_BTC)));
    }

    @Test
    public void anUnknownFileIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CandleFiles.path("nope.csv"));
        assertTrue(e.getMessage(), e.getMessage().contains("nope.csv"));
    }

    private static void assertRows(String name, int rows) throws IOException {
        List<String> lines = Files.readAllLines(CandleFiles.path(name));
        assertEquals("open_time_ms,open,high,low,close,volume", lines.get(0));
        assertEquals(rows, lines.size() - 1);
    }
}
