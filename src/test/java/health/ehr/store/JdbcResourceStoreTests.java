package health.ehr.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import ca.uhn.fhir.rest.server.exceptions.PreconditionFailedException;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;

import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Basic;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import health.ehr.test.EhrServerTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@EhrServerTest
class JdbcResourceStoreTests {

	@Autowired
	ResourceStore store;

	@Autowired
	PlatformTransactionManager transactionManager;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DataSource dataSource;

	@Test
	void migrationsWhenIdentifierCollationSetThenKeyColumnsStayNotNull() {
		List<String> nullable = this.jdbc.sql("""
				select lower(table_name) || '.' || lower(column_name) from information_schema.columns
				where lower(table_name) in ('fhir_resource', 'idx_string', 'idx_token', 'idx_reference', 'idx_date',
				    'idx_number', 'idx_quantity', 'idx_uri', 'resource_compartment')
				  and lower(column_name) in ('res_type', 'res_id', 'param_id', 'value_norm', 'uri', 'patient_id')
				  and is_nullable <> 'NO'""").query(String.class).list();
		assertThat(nullable).isEmpty();
	}

	@Test
	void createWhenNewThenVersionOneWithServerId() {
		IBaseResource created = this.store.create(new Patient().addName(new org.hl7.fhir.r4.model.HumanName().setFamily("Ng")));
		assertThat(created.getIdElement().getIdPart()).isNotBlank();
		assertThat(created.getMeta().getVersionId()).isEqualTo("1");
		Patient read = (Patient) this.store.read("Patient", created.getIdElement().getIdPart()).orElseThrow();
		assertThat(read.getNameFirstRep().getFamily()).isEqualTo("Ng");
		assertThat(read.getMeta().getLastUpdated()).isNotNull();
	}

	@Test
	void updateWhenExpectedVersionIsStaleThenPreconditionFailed() {
		Patient patient = patient(id());
		this.store.update(patient, Optional.empty());
		this.store.update(patient(patient.getIdPart()), Optional.of("1"));
		assertThatExceptionOfType(PreconditionFailedException.class)
			.isThrownBy(() -> this.store.update(patient(patient.getIdPart()), Optional.of("1")));
	}

	@Test
	void deleteWhenReadThenGoneAndEveryVersionKept() {
		String id = id();
		this.store.update(patient(id), Optional.empty());
		this.store.update(patient(id), Optional.empty());
		assertThat(this.store.delete("Patient", id)).contains(3L);
		assertThatExceptionOfType(ResourceGoneException.class).isThrownBy(() -> this.store.read("Patient", id));
		HistoryPage history = this.store.history(new HistoryQuery(Optional.of("Patient"), Optional.of(id),
				Optional.empty(), 10, Optional.empty()), SearchRestriction.none());
		assertThat(history.versions()).extracting(ResourceVersion::version).containsExactly(3L, 2L, 1L);
		assertThat(history.versions().get(0).method()).isEqualTo("DELETE");
		assertThat(this.store.readVersion("Patient", id, 1, SearchRestriction.none())).isPresent();
	}

	@Test
	void readVersionWhenUpdatedDeletedAndRecreatedThenEveryVersionHasItsOwnBody() {
		String id = id();
		this.store.update(named(id, "One"), Optional.empty());
		this.store.update(named(id, "Two"), Optional.empty());
		this.store.delete("Patient", id);
		this.store.update(named(id, "Four"), Optional.empty());
		this.store.update(named(id, "Five"), Optional.empty());

		assertThat(versionJson(id, 1)).contains("One");
		assertThat(versionJson(id, 2)).contains("Two");
		assertThat(versionJson(id, 4)).contains("Four");
		assertThat(versionJson(id, 5)).contains("Five");
		HistoryPage history = this.store.history(new HistoryQuery(Optional.of("Patient"), Optional.of(id),
				Optional.empty(), 10, Optional.empty()), SearchRestriction.none());
		assertThat(history.versions()).extracting(ResourceVersion::deleted).containsExactly(false, false, true, false,
				false);
		assertThat(history.versions().get(0).json().orElseThrow()).contains("Five");
		// The current body is stored once: in the resource row, not in its version row.
		assertThat(this.jdbc.sql("""
				select count(*) from fhir_resource_version v join fhir_resource r on r.pid = v.pid
				where r.res_type = 'Patient' and r.res_id = ? and v.body is not null""").param(id)
			.query(Integer.class).single()).isEqualTo(3);
	}

	@Test
	void loadWhenResourceExistsThenPreviousVersionKeepsItsBody() {
		String id = id();
		this.store.load(List.of(named(id, "Loaded")));
		this.store.load(List.of(named(id, "Reloaded")));
		this.store.delete("Patient", id);
		this.store.load(List.of(named(id, "Restored")));

		assertThat(versionJson(id, 1)).contains("Loaded");
		assertThat(versionJson(id, 2)).contains("Reloaded");
		assertThatExceptionOfType(ResourceGoneException.class)
			.isThrownBy(() -> this.store.readVersion("Patient", id, 3, SearchRestriction.none()));
		assertThat(versionJson(id, 4)).contains("Restored");
		assertThat(this.store.read("Patient", id).orElseThrow().getMeta().getVersionId()).isEqualTo("4");
	}

	private static Patient named(String id, String given) {
		Patient patient = patient(id);
		patient.getNameFirstRep().getGiven().clear();
		patient.getNameFirstRep().addGiven(given);
		return patient;
	}

	private String versionJson(String id, long version) {
		return this.store.readVersion("Patient", id, version, SearchRestriction.none()).orElseThrow().json()
			.orElseThrow();
	}

	@Test
	void updateWhenConcurrentWritersThenNoUpdateLost() throws Exception {
		String id = id();
		this.store.update(patient(id), Optional.empty());
		ExecutorService pool = Executors.newFixedThreadPool(4);
		List<Future<?>> futures = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			futures.add(pool.submit(() -> this.store.update(patient(id), Optional.empty())));
		}
		for (Future<?> future : futures) {
			future.get();
		}
		pool.shutdown();
		assertThat(this.store.read("Patient", id).orElseThrow().getMeta().getVersionId()).isEqualTo("21");
	}

	@Test
	void loadWhenManyResourcesThenStoredIndexedAndStreamed() {
		String patientId = id();
		List<IBaseResource> resources = new ArrayList<>();
		resources.add(patient(patientId));
		for (int i = 0; i < 2500; i++) {
			Observation observation = new Observation();
			observation.setId("load-" + patientId + "-" + i);
			observation.setSubject(new Reference("Patient/" + patientId));
			observation.getCode().addCoding().setSystem("http://loinc.org").setCode("8867-4");
			resources.add(observation);
		}
		Instant before = Instant.now().minusSeconds(1);
		assertThat(this.store.load(resources)).isEqualTo(2501);
		List<String> streamed = new ArrayList<>();
		long count = this.store.stream("Observation", Optional.of(before), Optional.of(Set.of(patientId)), streamed::add);
		assertThat(count).isEqualTo(2500);
		assertThat(streamed.get(0)).contains("\"resourceType\":\"Observation\"");
		List<String> manyPatients = new ArrayList<>();
		for (int i = 0; i < 1500; i++) {
			manyPatients.add(id());
		}
		manyPatients.add(1200, patientId);
		assertThat(this.store.stream("Observation", Optional.empty(), Optional.of(manyPatients), (json) -> {
		})).isEqualTo(2500);
		assertThat(this.store.compartmentPatients("Observation", "load-" + patientId + "-7")).containsExactly(patientId);
		assertThat(this.store.storedTypes()).contains("Observation", "Patient");
		assertThat(this.store.load(List.of(patient(patientId)))).isEqualTo(1);
		assertThat(this.store.read("Patient", patientId).orElseThrow().getMeta().getVersionId()).isEqualTo("2");
	}

	@Test
	void streamWhenUntilThenResourcesUpdatedLaterLeftOut() throws Exception {
		String patientId = id();
		this.store.update(patient(patientId), Optional.empty());
		Observation early = observation(patientId, "early-" + patientId);
		this.store.update(early, Optional.empty());
		Instant until = this.store.read("Observation", "early-" + patientId).orElseThrow().getMeta().getLastUpdated()
			.toInstant();
		Thread.sleep(5);
		this.store.update(observation(patientId, "late-" + patientId), Optional.empty());
		List<String> streamed = new ArrayList<>();
		this.store.stream("Observation", Optional.empty(), Optional.of(until), Optional.of(Set.of(patientId)),
				streamed::add);
		assertThat(streamed).singleElement().asString().contains("early-" + patientId);
	}

	@Test
	void streamWhenWholeTypeThenInCreationOrderAndTransactionSettingsKept() {
		String patientId = id();
		List<String> created = List.of("first-" + patientId, "second-" + patientId, "third-" + patientId);
		created.forEach((observationId) -> this.store.update(observation(patientId, observationId), Optional.empty()));
		List<String> streamed = new ArrayList<>();
		List<String> sortSettings = new ArrayList<>();
		new TransactionTemplate(this.transactionManager).executeWithoutResult((status) -> {
			sortSettings.add(sortSetting());
			this.store.stream("Observation", Optional.empty(), Optional.empty(), Optional.empty(), streamed::add);
			sortSettings.add(sortSetting());
		});
		assertThat(streamed.stream().filter((json) -> json.contains(patientId))
			.map((json) -> created.stream().filter(json::contains).findFirst().orElseThrow()))
			.containsExactlyElementsOf(created);
		assertThat(sortSettings.get(1)).isEqualTo(sortSettings.get(0));
	}

	/** PostgreSQL's enable_sort in the current transaction (H2 has none: "none"). */
	private String sortSetting() {
		if (SqlDialect.of(this.dataSource) != SqlDialect.POSTGRES) {
			return "none";
		}
		return this.jdbc.sql("select current_setting('enable_sort')").query(String.class).single();
	}

	@Test
	void streamPatientDataWhenResourceInNoCompartmentThenLeftOut() {
		String patientId = id();
		this.store.update(patient(patientId), Optional.empty());
		this.store.update(observation(patientId, "owned-" + patientId), Optional.empty());
		this.store.update(observation(null, "orphan-" + patientId), Optional.empty());
		List<String> streamed = new ArrayList<>();
		this.store.streamPatientData("Observation", Optional.empty(), Optional.empty(), streamed::add);
		assertThat(streamed).anyMatch((json) -> json.contains("owned-" + patientId))
			.noneMatch((json) -> json.contains("orphan-" + patientId));
	}

	@Test
	void storedTypesWhenEveryResourceOfATypeDeletedThenLeftOut() {
		String id = id();
		this.store.update(new Basic().setCode(new CodeableConcept().setText("stored types")).setId(id), Optional.empty());
		assertThat(this.store.storedTypes()).contains("Basic");
		this.store.delete("Basic", id);
		assertThat(this.store.storedTypes()).doesNotContain("Basic");
	}

	@Test
	void refreshStatisticsWhenLoadedThenSearchesAnswerAsBefore() {
		String patientId = id();
		this.store.load(List.of(patient(patientId), observation(patientId, "stats-" + patientId)));
		this.store.refreshStatistics();
		assertThat(this.store.search("Observation", "patient=" + patientId + "&code=8867-4")).hasSize(1);
	}

	private static Observation observation(String patientId, String id) {
		Observation observation = new Observation();
		observation.setId(id);
		observation.getCode().addCoding().setSystem("http://loinc.org").setCode("8867-4");
		if (patientId != null) {
			observation.setSubject(new Reference("Patient/" + patientId));
		}
		return observation;
	}

	@Test
	void searchWhenQueryStringThenMatchesCurrentVersions() {
		String patientId = id();
		Observation observation = new Observation();
		observation.setId(id());
		observation.setSubject(new Reference("Patient/" + patientId));
		observation.getCode().addCoding().setSystem("http://loinc.org").setCode("8867-4");
		this.store.load(List.of(patient(patientId), observation));
		assertThat(this.store.search("Observation", "subject=Patient/" + patientId + "&code=http://loinc.org|8867-4"))
			.hasSize(1);
		assertThat(this.store.search("Observation", "patient=" + patientId + "&code=other")).isEmpty();
		assertThat(this.store.search("Patient", "_id=" + patientId + "&_count=5")).hasSize(1);
		assertThat(this.store.searchParams().searchParams("Observation")).containsKeys("code", "subject", "date");
	}

	static Patient patient(String id) {
		Patient patient = new Patient();
		patient.setId(id);
		patient.addName().setFamily("Family" + id).addGiven("Given");
		return patient;
	}

	static String id() {
		return UUID.randomUUID().toString();
	}

}
