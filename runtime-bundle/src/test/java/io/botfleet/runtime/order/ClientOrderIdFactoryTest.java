package io.botfleet.runtime.order;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.botfleet.api.exchange.ClientOrderIds;
import org.junit.Test;

public class ClientOrderIdFactoryTest {

    private final ClientOrderIdFactory ids = new ClientOrderIdFactory("k3z9ab");

    @Test
    public void isDeterministicAndValidEvenAtTheLargestNumbers() {
        assertEquals(ids.id(42, 7), ids.id(42, 7));
        String largest = ids.id(Long.MAX_VALUE, Long.MAX_VALUE);
        assertTrue(largest, ClientOrderIds.isValid(largest));
    }

    @Test
    public void findsTheBotKeyOnlyInItsOwnIds() {
        assertEquals(42, ids.botKeyOf(ids.id(42, 99)).getAsLong());
        assertFalse(ids.botKeyOf("other-1a-2").isPresent());
        assertFalse(ids.botKeyOf("k3z9ab-zz!-1").isPresent());
        assertFalse(ids.botKeyOf("").isPresent());
        assertFalse(new ClientOrderIdFactory("k3z9").botKeyOf(ids.id(1, 1)).isPresent());
    }
}
