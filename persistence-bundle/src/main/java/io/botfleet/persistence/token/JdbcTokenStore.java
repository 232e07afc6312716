package io.botfleet.persistence.token;

import io.botfleet.api.store.ApiToken;
import io.botfleet.api.store.Role;
import io.botfleet.api.store.StoreConflictException;
import io.botfleet.api.store.TokenStore;
import io.botfleet.persistence.db.Columns;
import io.botfleet.persistence.db.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** API tokens in table {@code api_tokens}: name, role and the hash; never the token itself. */
public final class JdbcTokenStore implements TokenStore {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcTokenStore.class);
    private static final String COLUMNS = "name, role, token_hash, created_at";

    private final Database db;

    public JdbcTokenStore(Database db) {
        this.db = db;
    }

    @Override
    public void create(ApiToken token) {
        Objects.requireNonNull(token, "token");
        if (token.name().isBlank() || token.name().length() > 128) {
            throw new IllegalArgumentException("token name must be 1-128 characters");
        }
        if (token.hash().isBlank() || token.hash().length() > 255) {
            throw new IllegalArgumentException("token hash must be 1-255 characters");
        }
        try {
            db.withConnection("create token " + token.name(), c -> {
                try (PreparedStatement st = c.prepareStatement(
                        "INSERT INTO api_tokens (" + COLUMNS + ") VALUES (?, ?, ?, ?)")) {
                    st.setString(1, token.name());
                    st.setString(2, token.role().name());
                    st.setString(3, token.hash());
                    Columns.setTime(st, 4, token.createdAt());
                    return st.executeUpdate();
                }
            });
        } catch (StoreConflictException e) {
            throw new StoreConflictException("a token named '" + token.name() + "' (or with this hash) exists");
        }
    }

    @Override
    public Optional<ApiToken> findByHash(String hash) {
        if (hash == null) {
            return Optional.empty();
        }
        return db.withConnection("find token", c -> {
            try (PreparedStatement st = c.prepareStatement(
                    "SELECT " + COLUMNS + " FROM api_tokens WHERE token_hash = ?")) {
                st.setString(1, hash);
                try (ResultSet rs = st.executeQuery()) {
                    return rs.next() ? toToken(rs) : Optional.<ApiToken>empty();
                }
            }
        });
    }

    @Override
    public boolean revoke(String name) {
        if (name == null) {
            return false;
        }
        return db.withConnection("revoke token " + name, c -> {
            try (PreparedStatement st = c.prepareStatement("DELETE FROM api_tokens WHERE name = ?")) {
                st.setString(1, name);
                return st.executeUpdate() > 0;
            }
        });
    }

    @Override
    public List<ApiToken> list() {
        return db.withConnection("list tokens", c -> {
            List<ApiToken> tokens = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement("SELECT " + COLUMNS + " FROM api_tokens ORDER BY name");
                 ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    toToken(rs).ifPresent(tokens::add);
                }
            }
            return tokens;
        });
    }

    /** A row with a role this version does not know grants nothing: it is skipped, with a warning. */
    private static Optional<ApiToken> toToken(ResultSet rs) throws SQLException {
        String role = rs.getString("role");
        for (Role known : Role.values()) {
            if (known.name().equals(role)) {
                return Optional.of(new ApiToken(rs.getString("name"), known, rs.getString("token_hash"),
                        Columns.getTime(rs, "created_at")));
            }
        }
        LOG.warn("token '{}' has unknown role '{}'; ignored", rs.getString("name"), role);
        return Optional.empty();
    }
}
