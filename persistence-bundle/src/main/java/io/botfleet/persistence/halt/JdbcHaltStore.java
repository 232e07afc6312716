package io.botfleet.persistence.halt;

import io.botfleet.api.bot.Halt;
import io.botfleet.api.store.HaltStore;
import io.botfleet.persistence.db.Columns;
import io.botfleet.persistence.db.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/**
 * Halts in table {@code halts}; an absent exchange or account is stored as '' so that the scope is
 * the primary key. {@link #put} replaces the row of its scope in one transaction.
 */
public final class JdbcHaltStore implements HaltStore {

    private static final String ANY = "";

    private final Database db;

    public JdbcHaltStore(Database db) {
        this.db = db;
    }

    @Override
    public List<Halt> list() {
        return db.withConnection("list halts", c -> {
            try (PreparedStatement st = c.prepareStatement(
                    "SELECT exchange_id, account, flatten, reason, actor, since FROM halts ORDER BY since, exchange_id, account");
                 ResultSet rs = st.executeQuery()) {
                List<Halt> halts = new ArrayList<>();
                while (rs.next()) {
                    halts.add(new Halt(rs.getString("exchange_id"), rs.getString("account"), rs.getBoolean("flatten"),
                            rs.getString("reason"), rs.getString("actor"), Columns.getTime(rs, "since")));
                }
                return halts;
            }
        });
    }

    @Override
    public void put(Halt halt) {
        db.inTransaction("store halt of " + halt.scope(), c -> {
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM halts WHERE exchange_id = ? AND account = ?");
                 PreparedStatement insert = c.prepareStatement("INSERT INTO halts (exchange_id, account, flatten, reason,"
                         + " actor, since) VALUES (?, ?, ?, ?, ?, ?)")) {
                delete.setString(1, key(halt.exchange()));
                delete.setString(2, key(halt.account()));
                delete.executeUpdate();
                insert.setString(1, key(halt.exchange()));
                insert.setString(2, key(halt.account()));
                insert.setBoolean(3, halt.flatten());
                insert.setString(4, halt.reason());
                insert.setString(5, halt.actor());
                Columns.setTime(insert, 6, halt.since());
                return insert.executeUpdate();
            }
        });
    }

    @Override
    public boolean remove(String exchange, String account) {
        return db.inTransaction("lift halt", c -> {
            try (PreparedStatement st = c.prepareStatement("DELETE FROM halts WHERE exchange_id = ? AND account = ?")) {
                st.setString(1, key(exchange));
                st.setString(2, key(account));
                return st.executeUpdate() > 0;
            }
        });
    }

    private static String key(String part) {
        return part == null || part.isBlank() ? ANY : part;
    }
}
