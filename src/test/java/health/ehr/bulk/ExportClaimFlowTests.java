package health.ehr.bulk;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import health.ehr.test.EhrServerTest;

import static org.awaitility.Awaitility.await;

/**
 * A job accepted by this instance starts at once: with a poll interval of an hour, only the kick-off's own
 * claim can run it.
 */
@EhrServerTest
@TestPropertySource(properties = "ehr.bulk.poll-interval=1h")
class ExportClaimFlowTests {

	@Autowired
	ExportKickoff kickoff;

	@Autowired
	JdbcExportJobRepository jobs;

	@Test
	void kickOffWhenWorkerHasRoomThenJobRunsWithoutWaitingForThePoll() {
		BulkClient client = new BulkClient("claim-client", "claim-client", "system/*.read", null);
		ExportJob job = this.kickoff.kickOff(client, ExportLevel.SYSTEM, null, Map.of("_type", List.of("Patient")),
				false, false, "http://localhost/fhir/$export").orElseThrow();
		await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> this.jobs.findById(job.id()).orElseThrow().status() == ExportStatus.COMPLETED);
	}

}
