package health.ehr.test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Gives each test application context a database of its own, so that contexts, test classes and parallel
 * builds never see each other's data: a named in-memory H2 database, or a new PostgreSQL database that is
 * dropped when the JVM ends.
 */
public class TestDatabaseInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	private static final String DEFAULT_POSTGRES_URL = "jdbc:postgresql://127.0.0.1:5432/test";

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		ConfigurableEnvironment environment = context.getEnvironment();
		String name = "ehr_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
		String url;
		String username;
		if ("postgres".equals(environment.getProperty("ehr.test.database"))) {
			String adminUrl = environment.getProperty("ehr.test.postgres.url", DEFAULT_POSTGRES_URL);
			username = environment.getProperty("ehr.test.postgres.username", System.getProperty("user.name"));
			execute(adminUrl, username, "create database " + name);
			url = adminUrl.substring(0, adminUrl.lastIndexOf('/') + 1) + name;
			dropAtExit(context, adminUrl, username, name);
		}
		else {
			url = "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1";
			username = "sa";
		}
		environment.getPropertySources()
			.addFirst(new MapPropertySource("testDatabase", Map.of("spring.datasource.url", url,
					"spring.datasource.username", username, "spring.datasource.password", "")));
	}

	// Registered now: the test framework closes its cached contexts from a shutdown hook, where adding another
	// hook fails ("Shutdown in progress"), which left the databases of the contexts still cached at exit
	// behind. The hook closes the context first (a no-op when it is closed already; it waits for a close under
	// way), so every connection of its pool is gone before the drop.
	private static void dropAtExit(ConfigurableApplicationContext context, String adminUrl, String username,
			String name) {
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			try {
				context.close();
			}
			finally {
				try {
					execute(adminUrl, username, "drop database if exists " + name + " with (force)");
				}
				catch (IllegalStateException ex) {
					System.err.println("Could not drop test database " + name + ": " + ex.getMessage());
				}
			}
		}, "drop-" + name));
	}

	private static void execute(String url, String username, String sql) {
		try (Connection connection = DriverManager.getConnection(url, username, "");
				Statement statement = connection.createStatement()) {
			statement.execute(sql.toLowerCase(Locale.ROOT));
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot run '" + sql + "' on " + url, ex);
		}
	}

}
