package health.ehr.demo;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Group;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

import health.ehr.EhrApplication;
import health.ehr.store.ResourceStore;
import health.ehr.test.EhrServerTest;

import static org.assertj.core.api.Assertions.assertThat;

@EhrServerTest
class FirstStartLoaderTests {

	@Autowired
	ResourceStore store;

	@Autowired
	FirstStartLoader loader;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Environment environment;

	@Autowired
	LoadedEvents events;

	@Test
	void startWhenStoreEmptyThenDemoPatientsLoadedAndEventPublishedOnce() {
		assertThat(this.events.received).hasSize(1);
		DemoDataLoadedEvent event = this.events.received.get(0);
		assertThat(event.patientIds()).hasSize(5).doesNotHaveDuplicates();
		assertThat(event.practitionerIds()).isNotEmpty();
		for (String id : event.patientIds()) {
			assertThat(this.store.read("Patient", id)).get().isInstanceOf(Patient.class);
		}
		assertThat(this.store.read("Practitioner", event.practitionerIds().get(0))).isPresent();
	}

	@Test
	void startWhenLoadedThenRichestPatientHasLabReportsWithResults() {
		String richest = this.events.received.get(0).patientIds().get(0);
		List<IBaseResource> reports = this.store.search("DiagnosticReport", "patient=" + richest + "&category=LAB");
		assertThat(reports).isNotEmpty();
		DiagnosticReport report = (DiagnosticReport) reports.get(0);
		assertThat(report.getResult()).isNotEmpty();
		String result = report.getResultFirstRep().getReferenceElement().getIdPart();
		assertThat(this.store.read("Observation", result)).isPresent();
		assertThat(this.store.search("Observation", "patient=" + richest + "&category=vital-signs")).isNotEmpty();
	}

	@Test
	void startWhenLoadedThenCohortGroupsListThePatients() {
		List<IBaseResource> groups = this.store.search("Group", "identifier=https://ehr.example.org/cohort|all");
		assertThat(groups).hasSize(1);
		assertThat(((Group) groups.get(0)).getMember()).hasSize(5);
	}

	@Test
	void loadIfFirstStartWhenAlreadyLoadedThenNothingLoadedAndNoEvent() {
		assertThat(this.loader.loadIfFirstStart()).isFalse();
		assertThat(this.events.received).hasSize(1);
		assertThat(this.jdbc.sql("select state from demo_data_load").query(String.class).single())
			.isEqualTo("LOADED");
	}

	@Test
	void claimWhenLoadedThenRefused() {
		assertThat(this.loader.claim()).isFalse();
	}

	@Test
	void claimWhenEarlierLoadStoppedLongAgoThenTakenOver() {
		Timestamp longAgo = Timestamp.from(Instant.now().minus(FirstStartLoader.STALE_CLAIM).minusSeconds(60));
		this.jdbc.sql("update demo_data_load set state = 'LOADING', started_at = ?").param(longAgo).update();
		try {
			assertThat(this.loader.claim()).isTrue();
			assertThat(this.loader.claim()).isFalse();
		}
		finally {
			this.jdbc.sql("update demo_data_load set state = 'LOADED'").update();
		}
	}

	@Test
	void secondInstanceWhenStartedOnSameDatabaseThenLoadsNothing() {
		List<DemoDataLoadedEvent> secondEvents = new CopyOnWriteArrayList<>();
		long patients = this.store.search("Patient", "_count=500").size();
		// Command-line arguments: they take precedence over application.yml, as the test's own properties do.
		String[] arguments = { "--spring.datasource.url=" + this.environment.getProperty("spring.datasource.url"),
				"--spring.datasource.username=" + this.environment.getProperty("spring.datasource.username"),
				"--spring.datasource.password=", "--server.port=0", "--ehr.demo.patients=5",
				"--logging.level.root=WARN" };
		try (ConfigurableApplicationContext second = new SpringApplicationBuilder(EhrApplication.class)
			.listeners((ApplicationListener<ApplicationEvent>) (event) -> {
				if (event instanceof PayloadApplicationEvent<?> payload
						&& payload.getPayload() instanceof DemoDataLoadedEvent loaded) {
					secondEvents.add(loaded);
				}
			})
			.run(arguments)) {
			assertThat(second.getBean(FirstStartLoader.class).loadIfFirstStart()).isFalse();
		}
		assertThat(secondEvents).isEmpty();
		assertThat(this.events.received).hasSize(1);
		assertThat(this.store.search("Patient", "_count=500")).hasSize((int) patients);
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class LoadedEvents {

		final List<DemoDataLoadedEvent> received = new CopyOnWriteArrayList<>();

		@EventListener
		void on(DemoDataLoadedEvent event) {
			this.received.add(event);
		}

	}

}
