package io.botfleet.persistence.db;

import static org.junit.Assert.assertEquals;

import org.junit.Test;
import org.postgresql.ds.PGSimpleDataSource;

public class DataSourcesTest {

    private static PGSimpleDataSource postgres(String url) {
        return (PGSimpleDataSource) DataSources.forUrl(url, "", "");
    }

    @Test
    public void aSilentPostgresqlCannotHoldTheJournalForever() {
        PGSimpleDataSource pg = postgres("jdbc:postgresql://127.0.0.1:5432/botfleet");
        assertEquals(30, pg.getSocketTimeout());
        assertEquals(10, pg.getLoginTimeout());
    }

    @Test
    public void timeoutsTheUrlSetsAreKept() {
        PGSimpleDataSource pg = postgres("jdbc:postgresql://127.0.0.1:5432/botfleet?socketTimeout=3&loginTimeout=4");
        assertEquals(3, pg.getSocketTimeout());
        assertEquals(4, pg.getLoginTimeout());
        assertEquals(0, postgres("jdbc:postgresql://127.0.0.1:5432/botfleet?socketTimeout=0").getSocketTimeout());
    }
}
