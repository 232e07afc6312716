package io.botfleet.control.http;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.botfleet.api.store.Role;
import java.util.List;
import java.util.Map;
import org.junit.Test;

public class RouterTest {

    private final Route list = new Route("GET", "/v1/bots", Role.VIEWER, r -> null);
    private final Route create = new Route("POST", "/v1/bots", Role.ADMIN, r -> null);
    private final Route get = new Route("GET", "/v1/bots/{id}", Role.VIEWER, r -> null);
    private final Route start = new Route("POST", "/v1/bots/{id}/start", Role.OPERATOR, r -> null);
    private final Route history = new Route("GET", "/v1/bots/{id}/strategy/history", Role.VIEWER, r -> null);
    private final Router router = new Router(List.of(list, create, get, start, history));

    @Test
    public void matchesMethodAndTemplate() {
        assertSame(list, router.match("GET", PathTemplate.segments("/v1/bots")).route());
        assertSame(list, router.match("GET", PathTemplate.segments("/v1/bots/")).route());
        assertSame(create, router.match("POST", PathTemplate.segments("/v1/bots")).route());
        Router.Match m = router.match("POST", PathTemplate.segments("/v1/bots/btc-1/start"));
        assertSame(start, m.route());
        assertEquals(Map.of("id", "btc-1"), m.variables());
        assertSame(history, router.match("GET", PathTemplate.segments("/v1/bots/x/strategy/history")).route());
    }

    @Test
    public void otherMethodsGive405WithAllow() {
        Router.Match m = router.match("DELETE", PathTemplate.segments("/v1/bots"));
        assertFalse(m.found());
        assertEquals("GET, POST", m.allowed());
        m = router.match("GET", PathTemplate.segments("/v1/nothing"));
        assertFalse(m.found());
        assertNull(m.allowed());
    }

    @Test
    public void encodedSlashesStayInsideTheirSegment() {
        Router.Match m = router.match("GET", PathTemplate.segments("/v1/bots/a%2Fstart"));
        assertSame(get, m.route());
        assertEquals("a/start", m.variables().get("id"));
        assertEquals(List.of("v1", "bots", "ü x"), PathTemplate.segments("/v1/bots/%C3%BC%20x"));
        assertEquals(List.of("v1", "bots", "a+b"), PathTemplate.segments("/v1/bots/a+b"));
        assertTrue(router.match("GET", PathTemplate.segments("/v1/bots//start")).route() == null);
    }

    @Test
    public void badEncodingIs400() {
        for (String path : new String[] {"/v1/bots/%", "/v1/bots/%zz", "/v1/bots/%C3", "/v1/bots/%FF%FE"}) {
            try {
                PathTemplate.segments(path);
                fail(path);
            } catch (ApiException e) {
                assertEquals(400, e.status());
            }
        }
    }

    @Test
    public void controlCharactersInThePathAre400() {
        for (String path : new String[] {"/v1/bots/%00", "/v1/bots/a%01b", "/v1/bots/-%0A-", "/v1/bots/x%7F",
                "/v1/bots/%C2%85", "/v1/%09bots"}) {
            try {
                PathTemplate.segments(path);
                fail(path);
            } catch (ApiException e) {
                assertEquals(path, 400, e.status());
                assertTrue(e.detail(), e.detail().contains("control character U+"));
            }
        }
    }

    @Test
    public void auditActionNamesTheTemplate() {
        assertEquals("POST /api/v1/bots/{id}/start", start.action());
        assertTrue(start.mutating());
        assertFalse(get.mutating());
    }
}
