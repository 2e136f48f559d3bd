package health.ehr.tokens;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class GrantViewsTests {

	@Test
	void accessesWhenScopesShareASentenceThenEachSentenceOnce() {
		assertThat(GrantViews.accesses("openid fhirUser offline_access patient/*.rs", true)).containsExactly(
				"Know who you are", "Keep access after you log out", "Read all of your health records");
	}

	@Test
	void accessesWhenReaderActsForAPatientThenThisPatientsRecords() {
		assertThat(GrantViews.accesses("patient/*.rs", false)).containsExactly("Read all of this patient's health records");
	}

	@Test
	void accessesWhenScopeMalformedThenNamedAsIs() {
		assertThat(GrantViews.accesses("patient/*.xyz", true)).containsExactly("Use the permission \"patient/*.xyz\"");
	}

}
