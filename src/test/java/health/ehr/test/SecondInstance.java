package health.ehr.test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

import health.ehr.EhrApplication;

/**
 * The application started once more beside a test's server, on the same database and with the same public
 * URL (apps see one server), on a port of its own: the other instance of a multi-instance test.
 */
public final class SecondInstance {

	private SecondInstance() {
	}

	/**
	 * @param first the test server's environment (its database)
	 * @param firstPort the test server's port (the public URL of both)
	 */
	public static ConfigurableApplicationContext start(Environment first, int firstPort) {
		// Command-line arguments, which win over application.yml (default properties would not).
		return new SpringApplicationBuilder(EhrApplication.class).run(
				"--server.port=0",
				"--spring.datasource.url=" + first.getRequiredProperty("spring.datasource.url"),
				"--spring.datasource.username=" + first.getRequiredProperty("spring.datasource.username"),
				"--spring.datasource.password=" + first.getProperty("spring.datasource.password", ""),
				"--ehr.public-url=http://localhost:" + firstPort,
				"--ehr.demo.load-on-first-start=false",
				"--logging.level.root=WARN");
	}

	/** The second instance's port. */
	public static int port(ConfigurableApplicationContext instance) {
		return instance.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
	}

}
