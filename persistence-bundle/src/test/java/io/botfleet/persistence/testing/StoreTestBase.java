package io.botfleet.persistence.testing;

import io.botfleet.persistence.JdbcStores;
import java.util.List;
import org.junit.After;
import org.junit.Before;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;

/** Base of the store tests: the same test class runs on H2 and on PostgreSQL. */
@RunWith(Parameterized.class)
public abstract class StoreTestBase {

    @Parameterized.Parameter(0)
    public String databaseName;

    @Parameterized.Parameter(1)
    public DatabaseTarget target;

    protected JdbcStores stores;

    @Parameterized.Parameters(name = "{0}")
    public static List<Object[]> databases() {
        return DatabaseTarget.all();
    }

    @Before
    public void openStores() throws Exception {
        target.create();
        stores = target.open();
    }

    @After
    public void closeStores() throws Exception {
        if (stores != null) {
            stores.close();
        }
        target.drop();
    }

    /** Closes and opens the stores again on the same database, as a restart would. */
    protected void reopen() {
        stores.close();
        stores = target.open();
    }
}
