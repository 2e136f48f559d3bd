package health.ehr.audit;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import health.ehr.test.EhrServerTest;

import static org.assertj.core.api.Assertions.assertThat;

@EhrServerTest
class AuditLogTests {

	@Autowired
	AuditLog auditLog;

	@Test
	void recordWhenNoRequestThenNoSourceAddress() {
		String target = UUID.randomUUID().toString();
		this.auditLog.record(AuditEvent.success("system", "test.event", "test", target, "outside a request"));

		assertThat(this.auditLog.eventsFor("test", target, 5)).singleElement()
			.satisfies((event) -> assertThat(event.sourceIp()).isNull());
	}

	@Test
	void recordWhenSourceAddressGivenThenKept() {
		String target = UUID.randomUUID().toString();
		this.auditLog.record(new AuditEvent("system", "test.event", "test", target, AuditEvent.Outcome.SUCCESS, null,
				"192.0.2.7"));

		assertThat(this.auditLog.eventsFor("test", target, 5)).singleElement()
			.satisfies((event) -> assertThat(event.sourceIp()).isEqualTo("192.0.2.7"));
	}

	@Test
	void recordWhenValuesLongerThanTheirColumnsThenCut() {
		String target = UUID.randomUUID().toString();
		this.auditLog.record(AuditEvent.failure("x".repeat(500), "test.event", "test", target, "d".repeat(5000)));

		assertThat(this.auditLog.eventsFor("test", target, 5)).singleElement().satisfies((event) -> {
			assertThat(event.actor()).hasSize(200);
			assertThat(event.detail()).hasSize(4000);
		});
	}

	@Test
	void eventsForWhenMoreThanTheLimitThenTheNewest() {
		String target = UUID.randomUUID().toString();
		for (int i = 1; i <= 4; i++) {
			this.auditLog.record(AuditEvent.success("system", "test.event", "test", target, "event " + i));
		}

		assertThat(this.auditLog.eventsFor("test", target, 2)).extracting(AuditEvent::detail)
			.containsExactly("event 4", "event 3");
	}

}
