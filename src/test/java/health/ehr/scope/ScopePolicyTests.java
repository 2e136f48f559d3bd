package health.ehr.scope;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import health.ehr.scope.FhirRequest.Interaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

class ScopePolicyTests {

	static final String LAB = "http://terminology.hl7.org/CodeSystem/observation-category|laboratory";

	static final String VITALS = "http://terminology.hl7.org/CodeSystem/observation-category|vital-signs";

	final ScopePolicy policy = new ScopePolicy();

	/** The patient user 123 who launched their own record. */
	static final AccessContext PATIENT = AccessContext.patientUser("123", Optional.of("123"));

	/** A practitioner who launched patient 456. */
	static final AccessContext PRACTITIONER = AccessContext.practitionerUser("Practitioner/9", Optional.of("456"));

	static final AccessContext SYSTEM = AccessContext.system();

	@ParameterizedTest(name = "{0} {1} {2}: {3}")
	@CsvSource(delimiter = ';', textBlock = """
			patient/Observation.read;  READ;             Observation; true
			patient/Observation.read;  VREAD;            Observation; true
			patient/Observation.read;  HISTORY_INSTANCE; Observation; true
			patient/Observation.read;  HISTORY_TYPE;     Observation; true
			patient/Observation.read;  SEARCH_TYPE;      Observation; true
			patient/Observation.read;  CREATE;           Observation; false
			patient/Observation.read;  UPDATE;           Observation; false
			patient/Observation.read;  PATCH;            Observation; false
			patient/Observation.read;  DELETE;           Observation; false
			patient/Observation.read;  READ;             Condition;   false
			patient/Observation.write; READ;             Observation; false
			patient/Observation.write; SEARCH_TYPE;      Observation; false
			patient/Observation.write; CREATE;           Observation; true
			patient/Observation.write; UPDATE;           Observation; true
			patient/Observation.write; PATCH;            Observation; true
			patient/Observation.write; DELETE;           Observation; true
			patient/Observation.*;     READ;             Observation; true
			patient/Observation.*;     SEARCH_TYPE;      Observation; true
			patient/Observation.*;     CREATE;           Observation; true
			patient/Observation.*;     DELETE;           Observation; true
			patient/Observation.*;     DELETE;           Condition;   false
			patient/Observation.r;     READ;             Observation; true
			patient/Observation.r;     VREAD;            Observation; true
			patient/Observation.r;     HISTORY_INSTANCE; Observation; true
			patient/Observation.r;     HISTORY_TYPE;     Observation; true
			patient/Observation.r;     SEARCH_TYPE;      Observation; false
			patient/Observation.s;     SEARCH_TYPE;      Observation; true
			patient/Observation.s;     READ;             Observation; false
			patient/Observation.s;     VREAD;            Observation; false
			patient/Observation.rs;    READ;             Observation; true
			patient/Observation.rs;    SEARCH_TYPE;      Observation; true
			patient/Observation.rs;    CREATE;           Observation; false
			patient/Observation.c;     CREATE;           Observation; true
			patient/Observation.c;     UPDATE;           Observation; false
			patient/Observation.u;     UPDATE;           Observation; true
			patient/Observation.u;     PATCH;            Observation; true
			patient/Observation.u;     CREATE;           Observation; false
			patient/Observation.u;     DELETE;           Observation; false
			patient/Observation.d;     DELETE;           Observation; true
			patient/Observation.d;     UPDATE;           Observation; false
			patient/Observation.cud;   READ;             Observation; false
			patient/Observation.cruds; READ;             Observation; true
			patient/Observation.cruds; SEARCH_TYPE;      Observation; true
			patient/Observation.cruds; CREATE;           Observation; true
			patient/Observation.cruds; UPDATE;           Observation; true
			patient/Observation.cruds; PATCH;            Observation; true
			patient/Observation.cruds; DELETE;           Observation; true
			patient/*.read;            READ;             Condition;   true
			patient/*.read;            SEARCH_TYPE;      Patient;     true
			patient/*.read;            CREATE;           Condition;   false
			patient/*.rs;              HISTORY_SYSTEM;   ;            true
			patient/*.rs;              SEARCH_SYSTEM;    ;            true
			patient/*.r;               SEARCH_SYSTEM;    ;            false
			patient/Observation.rs;    HISTORY_SYSTEM;   ;            false
			patient/Observation.rs;    SEARCH_SYSTEM;    ;            false
			patient/*.write;           UPDATE;           Encounter;   true
			patient/*.*;               DELETE;           Encounter;   true
			patient/*.cruds;           PATCH;            Encounter;   true
			openid fhirUser launch/patient offline_access; READ; Patient; false
			'';                        READ;             Patient;     false
			""")
	void decideWhenInteractionThenPermissionTable(String granted, Interaction interaction, String type,
			boolean allowed) {
		FhirRequest request = (type == null) ? FhirRequest.systemLevel(interaction, Map.of())
				: FhirRequest.of(interaction, type);
		Decision decision = decide(granted, PATIENT, request);
		assertThat(decision.isAllowed()).as(decision.reason()).isEqualTo(allowed);
		assertThat(decision.isDenied()).isEqualTo(!allowed);
		if (allowed) {
			assertThat(decision.compartmentPatients()).contains(Set.of("123"));
		}
	}

	@ParameterizedTest(name = "{0} as {1} {2}: {3}")
	@CsvSource(delimiter = ';', textBlock = """
			patient/Observation.rs; PATIENT;                Observation; 123
			patient/Observation.rs; PATIENT_WITHOUT_LAUNCH; Observation; DENIED
			patient/Observation.rs; PRACTITIONER;           Observation; 456
			patient/Observation.rs; PRACTITIONER_NO_LAUNCH; Observation; DENIED
			patient/Observation.rs; SYSTEM;                 Observation; DENIED
			user/Observation.rs;    PATIENT;                Observation; 123
			user/Observation.rs;    PATIENT_WITHOUT_LAUNCH; Observation; 123
			user/Observation.rs;    PATIENT_NO_FHIR_USER;   Observation; DENIED
			user/Observation.rs;    PRACTITIONER;           Observation; ANY
			user/Observation.rs;    PRACTITIONER_NO_LAUNCH; Observation; ANY
			user/Observation.rs;    SYSTEM;                 Observation; DENIED
			user/Observation.rs;    NONE;                   Observation; DENIED
			system/Observation.rs;  SYSTEM;                 Observation; ANY
			system/Observation.rs;  NONE;                   Observation; ANY
			system/Observation.rs;  PATIENT;                Observation; DENIED
			system/Observation.rs;  PRACTITIONER;           Observation; DENIED
			system/*.read;          SYSTEM;                 Group;       ANY
			user/*.read;            PRACTITIONER;           Group;       ANY
			user/*.read;            PATIENT;                Group;       DENIED
			patient/*.rs;           PATIENT;                Group;       DENIED
			patient/Group.rs;       PRACTITIONER;           Group;       DENIED
			patient/*.rs user/Group.rs; PRACTITIONER;       Group;       ANY
			""")
	void decideWhenContextTypeAndUserThenCompartment(String granted, String who, String type, String expected) {
		Decision decision = decide(granted, context(who), FhirRequest.search(type, Map.of()));
		if (expected.equals("DENIED")) {
			assertThat(decision.isDenied()).isTrue();
		}
		else {
			assertThat(decision.isAllowed()).as(decision.reason()).isTrue();
			assertThat(decision.compartmentPatients())
				.isEqualTo(expected.equals("ANY") ? Optional.empty() : Optional.of(Set.of(expected)));
			assertThat(decision.filterAlternatives()).isEmpty();
		}
	}

	@Test
	void decideWhenPatientScopeWithoutLaunchPatientThenClearReason() {
		Decision decision = decide("patient/Observation.rs", context("PATIENT_WITHOUT_LAUNCH"),
				FhirRequest.of(Interaction.READ, "Observation"));
		assertThat(decision.isDenied()).isTrue();
		assertThat(decision.reason()).contains("patient/Observation.rs").contains("no launch patient");
	}

	@Test
	void decideWhenSystemScopeForSignedInUserThenClearReason() {
		Decision decision = decide("system/*.rs", PRACTITIONER, FhirRequest.of(Interaction.READ, "Observation"));
		assertThat(decision.reason()).contains("system/ scopes are for backend services");
	}

	@ParameterizedTest
	@CsvSource(delimiter = ';', textBlock = """
			READ;        PATIENT;      This request needs scope patient/Observation.r (or patient/Observation.read)
			SEARCH_TYPE; PATIENT;      This request needs scope patient/Observation.s (or patient/Observation.read)
			CREATE;      PATIENT;      This request needs scope patient/Observation.c (or patient/Observation.write)
			UPDATE;      PATIENT;      This request needs scope patient/Observation.u (or patient/Observation.write)
			PATCH;       PATIENT;      This request needs scope patient/Observation.u (or patient/Observation.write)
			DELETE;      PATIENT;      This request needs scope patient/Observation.d (or patient/Observation.write)
			READ;        SYSTEM;       This request needs scope system/Observation.r (or system/Observation.read)
			READ;        PRACTITIONER_NO_LAUNCH; This request needs scope user/Observation.r (or user/Observation.read)
			""")
	void decideWhenDeniedThenReasonNamesTheMissingScope(Interaction interaction, String who, String reason) {
		Decision decision = decide("patient/Condition.rs", context(who), FhirRequest.of(interaction, "Observation"));
		assertThat(decision.isDenied()).isTrue();
		assertThat(decision.reason()).isEqualTo(reason);
	}

	@Test
	void decideWhenSystemLevelDeniedThenReasonNamesTheWildcard() {
		Decision decision = decide("patient/Observation.rs", PATIENT,
				FhirRequest.systemLevel(Interaction.SEARCH_SYSTEM, Map.of("_type", List.of("Observation"))));
		assertThat(decision.reason()).isEqualTo("This request needs scope patient/*.s (or patient/*.read)");
	}

	@Test
	void decideWhenGranularThenFilterAlternative() {
		Decision decision = decide("patient/Observation.rs?category=" + LAB, PATIENT,
				FhirRequest.search("Observation", Map.of()));
		assertThat(decision.isAllowed()).isTrue();
		assertThat(decision.compartmentPatients()).contains(Set.of("123"));
		assertThat(decision.filterAlternatives()).containsExactly(Map.of("category", Set.of(LAB)));
		assertThat(decision.isRestricted()).isTrue();
	}

	@Test
	void decideWhenGranularReadThenSameFilterToCheckTheResource() {
		Decision decision = decide("patient/Observation.r?category=" + LAB, PATIENT,
				FhirRequest.of(Interaction.READ, "Observation"));
		assertThat(decision.filterAlternatives()).containsExactly(Map.of("category", Set.of(LAB)));
	}

	@Test
	void decideWhenTwoCategoryScopesThenOneParameterWithBothValues() {
		Decision decision = decide("patient/Observation.rs?category=" + LAB + " patient/Observation.rs?category="
				+ VITALS, PATIENT, FhirRequest.search("Observation", Map.of()));
		assertThat(decision.filterAlternatives()).containsExactly(Map.of("category", Set.of(LAB, VITALS)));
		assertThat(decision.grantingScopes()).hasSize(2);
	}

	@Test
	void decideWhenScopesWithDifferentParametersThenAlternatives() {
		Decision decision = decide("patient/Observation.rs?category=" + LAB + " patient/Observation.rs?code=x&status=final",
				PATIENT, FhirRequest.search("Observation", Map.of()));
		assertThat(decision.filterAlternatives()).containsExactly(Map.of("category", Set.of(LAB)),
				Map.of("code", Set.of("x"), "status", Set.of("final")));
	}

	@Test
	void decideWhenNarrowerGranularScopeBesideBroaderThenNarrowerDropped() {
		Decision decision = decide("patient/Observation.rs?category=" + LAB + "&code=x patient/Observation.rs?category="
				+ LAB, PATIENT, FhirRequest.search("Observation", Map.of()));
		assertThat(decision.filterAlternatives()).containsExactly(Map.of("category", Set.of(LAB)));
	}

	@Test
	void decideWhenUngranularScopeBesideGranularThenNoFilters() {
		Decision decision = decide("patient/Observation.rs?category=" + LAB + " patient/Observation.read", PATIENT,
				FhirRequest.search("Observation", Map.of()));
		assertThat(decision.filterAlternatives()).isEmpty();
		assertThat(decision.compartmentPatients()).contains(Set.of("123"));
		assertThat(decision.grantingScopes()).extracting(SmartScope::value).containsExactly("patient/Observation.read");
	}

	@Test
	void decideWhenWildcardBesideGranularThenNoFilters() {
		Decision decision = decide("patient/Observation.rs?category=" + LAB + " patient/*.rs", PATIENT,
				FhirRequest.search("Observation", Map.of()));
		assertThat(decision.filterAlternatives()).isEmpty();
	}

	@Test
	void decideWhenGranularScopeLacksThePermissionThenItDoesNotCount() {
		Decision decision = decide("patient/Observation.r?category=" + LAB + " patient/Observation.s?category=" + VITALS,
				PATIENT, FhirRequest.search("Observation", Map.of()));
		assertThat(decision.filterAlternatives()).containsExactly(Map.of("category", Set.of(VITALS)));
	}

	@Test
	void decideWhenGranularForOtherTypeThenNoEffect() {
		Decision decision = decide("patient/Observation.rs?category=" + LAB + " patient/Condition.rs", PATIENT,
				FhirRequest.search("Condition", Map.of()));
		assertThat(decision.filterAlternatives()).isEmpty();
	}

	@Test
	void decideWhenPatientAndUserScopesForPractitionerThenUnconfinedUserScopeWins() {
		Decision decision = decide("patient/Observation.rs user/Observation.rs", PRACTITIONER,
				FhirRequest.search("Observation", Map.of()));
		assertThat(decision.compartmentPatients()).isEmpty();
		assertThat(decision.grantingScopes()).extracting(SmartScope::value).containsExactly("user/Observation.rs");
	}

	@Test
	void decideWhenGranularUnconfinedAndUngranularConfinedThenNeverWidened() {
		Decision decision = decide("user/Observation.rs?category=" + LAB + " patient/Observation.rs", PRACTITIONER,
				FhirRequest.search("Observation", Map.of()));
		assertThat(decision.compartmentPatients()).isEmpty();
		assertThat(decision.filterAlternatives()).containsExactly(Map.of("category", Set.of(LAB)));
	}

	@Test
	void decideWhenPatientUserWithOwnLaunchThenPatientAndUserScopesShareTheCompartment() {
		Decision decision = decide("patient/Observation.rs?category=" + LAB + " user/Observation.rs", PATIENT,
				FhirRequest.search("Observation", Map.of()));
		assertThat(decision.compartmentPatients()).contains(Set.of("123"));
		assertThat(decision.filterAlternatives()).isEmpty();
	}

	@Test
	void decideWhenCompartmentsDifferThenOneScopesCompartmentWithItsOwnFilters() {
		AccessContext proxy = AccessContext.patientUser("123", Optional.of("789"));
		Decision decision = decide("patient/Observation.rs?category=" + LAB + " user/Observation.rs?category=" + VITALS,
				proxy, FhirRequest.search("Observation", Map.of()));
		assertThat(decision.compartmentPatients()).contains(Set.of("789"));
		assertThat(decision.filterAlternatives()).containsExactly(Map.of("category", Set.of(LAB)));
	}

	@Test
	void decideWhenCompartmentsDifferThenUngranularOnePreferred() {
		AccessContext proxy = AccessContext.patientUser("123", Optional.of("789"));
		Decision decision = decide("patient/Observation.rs?category=" + LAB + " user/Observation.rs", proxy,
				FhirRequest.search("Observation", Map.of()));
		assertThat(decision.compartmentPatients()).contains(Set.of("123"));
		assertThat(decision.filterAlternatives()).isEmpty();
	}

	@ParameterizedTest(name = "${1} on {2} with {0}: {3}")
	@CsvSource(delimiter = ';', textBlock = """
			patient/Patient.rs;     everything;     Patient;     false
			patient/*.r;            everything;     Patient;     true
			patient/*.read;         $everything;    Patient;     true
			patient/Observation.r;  lastn;          Observation; true
			patient/Observation.s;  lastn;          Observation; false
			patient/Observation.r;  meta-add;       Observation; false
			patient/Observation.u;  meta-add;       Observation; true
			patient/Observation.u;  meta-delete;    Observation; true
			patient/Observation.r;  meta;           Observation; true
			patient/ValueSet.r;     expand;         ValueSet;    true
			patient/*.*;            export;         Patient;     false
			patient/*.*;            $export;        ;            false
			patient/*.r;            meta;           ;            true
			patient/Patient.r;      meta;           ;            false
			""")
	void decideWhenOperationThenDocumentedRule(String granted, String operation, String type, boolean allowed) {
		Decision decision = decide(granted, PATIENT, FhirRequest.operation(Optional.ofNullable(type), operation));
		assertThat(decision.isAllowed()).as(decision.reason()).isEqualTo(allowed);
	}

	@Test
	void decideWhenExportThenDeferredToBulkData() {
		Decision decision = decide("system/*.read", SYSTEM, FhirRequest.operation(Optional.empty(), "$export"));
		assertThat(decision.reason()).contains("Bulk Data");
	}

	@ParameterizedTest
	@EnumSource(Interaction.class)
	void decideWhenEverythingGrantedThenEveryInteractionAllowed(Interaction interaction) {
		FhirRequest request = switch (interaction) {
			case HISTORY_SYSTEM, SEARCH_SYSTEM -> FhirRequest.systemLevel(interaction, Map.of());
			case OPERATION -> FhirRequest.operation(Optional.of("Observation"), "lastn");
			default -> FhirRequest.of(interaction, "Observation");
		};
		assertThat(decide("patient/*.*", PATIENT, request).isAllowed()).isTrue();
		assertThat(decide("user/*.cruds", PRACTITIONER, request).isAllowed()).isTrue();
		assertThat(decide("system/*.cruds", SYSTEM, request).isAllowed()).isTrue();
		assertThat(decide("openid fhirUser", PATIENT, request).isDenied()).isTrue();
	}

	@Test
	void restrictionsWhenDeniedThenIllegalState() {
		Decision decision = decide("openid", PATIENT, FhirRequest.of(Interaction.READ, "Patient"));
		assertThatIllegalStateException().isThrownBy(decision::compartmentPatients);
		assertThatIllegalStateException().isThrownBy(decision::filterAlternatives);
		assertThatIllegalStateException().isThrownBy(decision::isRestricted);
		assertThat(decision.grantingScopes()).isEmpty();
		assertThat(decision).hasToString("Denied: " + decision.reason());
	}

	@Test
	void decideWhenUnrestrictedThenNotRestricted() {
		Decision decision = decide("system/*.rs", SYSTEM, FhirRequest.of(Interaction.READ, "Patient"));
		assertThat(decision.isRestricted()).isFalse();
		assertThat(decision.reason()).isEqualTo("Allowed by scope system/*.rs");
	}

	@Test
	void decideWhenNullArgumentThenNullPointerException() {
		FhirRequest request = FhirRequest.of(Interaction.READ, "Patient");
		assertThatNullPointerException().isThrownBy(() -> this.policy.decide(null, PATIENT, request));
		assertThatNullPointerException().isThrownBy(() -> this.policy.decide(ScopeSet.empty(), null, request));
		assertThatNullPointerException().isThrownBy(() -> this.policy.decide(ScopeSet.empty(), PATIENT, (FhirRequest) null));
		assertThatNullPointerException()
			.isThrownBy(() -> this.policy.decide(ScopeSet.empty(), PATIENT, (ScopePolicy.Shape) null));
	}

	@Test
	void shapeWhenRequestsDifferOnlyInWhatTheDecisionDoesNotReadThenSame() {
		assertThat(ScopePolicy.Shape.of(FhirRequest.of(Interaction.READ, "Observation")))
			.isEqualTo(ScopePolicy.Shape.of(FhirRequest.of(Interaction.HISTORY_INSTANCE, "Observation")))
			.isNotEqualTo(ScopePolicy.Shape.of(FhirRequest.search("Observation", Map.of())));
		assertThat(ScopePolicy.Shape.of(FhirRequest.search("Observation", Map.of("code", List.of("1")))))
			.isEqualTo(ScopePolicy.Shape.of(FhirRequest.search("Observation", Map.of())));
		assertThat(ScopePolicy.Shape.of(FhirRequest.operation(Optional.of("Patient"), "everything")).type())
			.isEqualTo("*");
		assertThat(ScopePolicy.Shape.of(FhirRequest.operation(Optional.empty(), "export")).export()).isTrue();
	}

	private Decision decide(String granted, AccessContext context, FhirRequest request) {
		return this.policy.decide(ScopeSet.parse(granted), context, request);
	}

	private static AccessContext context(String who) {
		return switch (who) {
			case "PATIENT" -> PATIENT;
			case "PATIENT_WITHOUT_LAUNCH" -> AccessContext.patientUser("123", Optional.empty());
			case "PATIENT_NO_FHIR_USER" -> new AccessContext(Optional.empty(), Optional.empty(),
					AccessContext.UserKind.PATIENT);
			case "PRACTITIONER" -> PRACTITIONER;
			case "PRACTITIONER_NO_LAUNCH" -> AccessContext.practitionerUser("Practitioner/9", Optional.empty());
			case "SYSTEM" -> SYSTEM;
			case "NONE" -> new AccessContext(Optional.empty(), Optional.empty(), AccessContext.UserKind.NONE);
			default -> throw new IllegalArgumentException(who);
		};
	}

}
