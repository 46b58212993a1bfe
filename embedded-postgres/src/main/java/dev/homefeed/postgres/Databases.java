package dev.homefeed.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.postgresql.ds.PGSimpleDataSource;

/** Databases inside the embedded cluster; the maintenance database {@code postgres} is always there to connect to. */
public final class Databases {

    private Databases() {
    }

    /** Creates {@code name} unless it exists; names are checked lower-case identifiers, safe to quote. */
    public static void createIfMissing(RunningPostgres postgres, String name) {
        if (!name.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("Database names are lower-case identifiers: " + name);
        }
        PGSimpleDataSource maintenance = new PGSimpleDataSource();
        maintenance.setURL(postgres.jdbcUrl("postgres"));
        maintenance.setUser(postgres.username());
        maintenance.setPassword(postgres.password());
        try (Connection connection = maintenance.getConnection();
                PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, name);
            try (ResultSet row = exists.executeQuery()) {
                if (row.next()) {
                    return;
                }
            }
            try (Statement create = connection.createStatement()) {
                create.execute("CREATE DATABASE \"" + name + "\"");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create the database '" + name + "' on " + postgres.jdbcUrl("postgres"), e);
        }
    }
}
