package io.einvoice.gateway.system;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;

/** The connection pool, migrated on open: H2 file by default, PostgreSQL when GATEWAY_DB_URL says so. */
public final class Database implements AutoCloseable {

    private final HikariDataSource dataSource;
    private final boolean embedded;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;

    private Database(HikariDataSource dataSource) {
        this.dataSource = dataSource;
        this.embedded = dataSource.getJdbcUrl().startsWith("jdbc:h2:");
        this.jdbc = new JdbcTemplate(dataSource);
        this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    public static Database open(String url, String user, String password) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(8);
        config.setPoolName("gateway-db");
        HikariDataSource dataSource = new HikariDataSource(config);
        try {
            Flyway.configure().dataSource(dataSource)
                    .locations("classpath:db/migration", "classpath:db/vendor/" + vendor(url)).load().migrate();
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
        return new Database(dataSource);
    }

    /**
     * The folder of migrations only one database can run (triggers: plpgsql on PostgreSQL, Java classes on H2); their
     * versions are sub-versions of the common migration they complete (V7_1 after V7).
     */
    static String vendor(String url) {
        if (url.startsWith("jdbc:h2:")) {
            return "h2";
        }
        if (url.startsWith("jdbc:postgresql:")) {
            return "postgresql";
        }
        throw new IllegalArgumentException("GATEWAY_DB_URL must be a jdbc:h2: or jdbc:postgresql: URL, got " + url);
    }

    /**
     * Makes sure what was committed so far is in the database file before a channel acknowledges its input. PostgreSQL's
     * commit already is. H2 (even with WRITE_DELAY=0) can return from a commit while another thread's write is under
     * way and leave it in memory: a kill -9 then lost the last document before the kill although its file was in
     * {@code .done/} (./gateway bench-kill); CHECKPOINT writes it.
     */
    public void flushCommitted() {
        if (embedded) {
            jdbc.execute("CHECKPOINT");
        }
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public JdbcTemplate jdbc() {
        return jdbc;
    }

    public TransactionTemplate transactions() {
        return transactions;
    }

    public String productName() {
        return jdbc.execute((java.sql.Connection c) -> c.getMetaData().getDatabaseProductName());
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
