package io.botfleet.runtime.recovery;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.botfleet.api.store.StoreConflictException;
import io.botfleet.api.store.StoreException;
import java.util.concurrent.CompletionException;
import org.junit.Test;

public class PersistenceFaultTest {

    @Test
    public void aStoreExceptionIsAPersistenceFaultHoweverWrapped() {
        StoreException unreachable = new StoreException("commitCandle of bot b: database unreachable: refused");
        assertTrue(PersistenceFault.is(unreachable));
        assertTrue(PersistenceFault.is(new CompletionException(unreachable)));
        assertTrue(PersistenceFault.is(new IllegalStateException("start", new CompletionException(unreachable))));
        assertTrue("a full queue is the database being too slow",
                PersistenceFault.is(new StoreException("the journal is overloaded (100000 writes waiting)")));
    }

    @Test
    public void conflictsBadArgumentsAndOtherFailuresAreNot() {
        assertFalse(PersistenceFault.is(new StoreConflictException("order b-1 already stored")));
        assertFalse(PersistenceFault.is(new CompletionException(new StoreConflictException("already stored"))));
        assertFalse(PersistenceFault.is(new IllegalArgumentException("order intent must be PENDING_SEND")));
        assertFalse(PersistenceFault.is(new RuntimeException("exchange timed out")));
        assertFalse(PersistenceFault.is(null));
    }
}
