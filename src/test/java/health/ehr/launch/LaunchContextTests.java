package health.ehr.launch;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class LaunchContextTests {

	@Test
	void standaloneWhenPatientGivenThenBannerNeeded() {
		LaunchContext launch = LaunchContext.standalone("123", "e1");
		assertThat(launch.patient()).hasValue("123");
		assertThat(launch.encounter()).hasValue("e1");
		assertThat(launch.needPatientBanner()).isTrue();
	}

	@Test
	void constructorWhenEncounterWithoutPatientThenRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> new LaunchContext(null, "e1", false, List.of()));
	}

	@Test
	void constructorWhenPatientIdNotAFhirIdThenRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> LaunchContext.standalone("a/b", null));
	}

	@Test
	void constructorWhenFhirContextAbsoluteThenRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new LaunchContext("1", null, true, List.of("https://x/Appointment/1")));
	}

}
