package health.ehr.fhir;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

import ca.uhn.fhir.context.FhirContext;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

import health.ehr.store.ResourceStore;
import health.ehr.test.EhrServerTest;
import health.ehr.test.PostgresTest;
import health.ehr.test.SecondInstance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two server instances on one PostgreSQL database: a grant revoked through one is refused by the other
 * within a second, from its own in-memory revocation feed.
 */
@EhrServerTest
@PostgresTest
class RevocationAcrossInstancesPostgresTests {

	@LocalServerPort
	int port;

	@Autowired
	ApplicationContext context;

	@Autowired
	Environment environment;

	@Autowired
	FhirContext fhirContext;

	@Autowired
	ResourceStore store;

	@Autowired
	JdbcClient jdbc;

	@Test
	void requestWhenGrantRevokedOnFirstInstanceThenSecondInstanceRefusesWithinOneSecond() throws Exception {
		ScopeFixtures.Record record = new ScopeFixtures(this.store).patientWithRecords();
		TestTokens.Granted granted = new TestTokens(this.context, this.port).patient(record.patientId(),
				"patient/*.rs");
		String sid = com.nimbusds.jwt.SignedJWT.parse(granted.accessToken()).getJWTClaimsSet().getStringClaim("sid");
		try (ConfigurableApplicationContext second = SecondInstance.start(this.environment, this.port)) {
			int secondPort = second.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
			FhirTestRequests secondFhir = new FhirTestRequests(this.fhirContext,
					"http://localhost:" + secondPort + "/fhir");
			String path = "/Patient/" + record.patientId();
			var before = secondFhir.get(path, granted.accessToken());
			assertThat(before.statusCode()).as(before.headers().map() + before.body()).isEqualTo(200);

			this.jdbc.sql("insert into revocation_event (authorization_id, revoked_at, revoked_by, reason) "
					+ "values (?, ?, ?, ?)")
				.params(sid, Timestamp.from(Instant.now()), "test", "revoked on the first instance")
				.update();

			await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(50))
				.untilAsserted(() -> secondFhir.assertInvalidToken(secondFhir.get(path, granted.accessToken())));
		}
	}

}
