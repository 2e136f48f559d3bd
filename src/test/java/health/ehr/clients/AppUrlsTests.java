package health.ehr.clients;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AppUrlsTests {

	@Test
	void problemWhenHttpsThenNone() {
		assertThat(AppUrls.problem("https://app.example.org/cb?x=1")).isEmpty();
	}

	@Test
	void problemWhenHttpOnLoopbackThenNone() {
		assertThat(AppUrls.problem("http://127.0.0.1:8000/cb")).isEmpty();
		assertThat(AppUrls.problem("http://[::1]/cb")).isEmpty();
		assertThat(AppUrls.problem("http://localhost/cb")).isEmpty();
	}

	@Test
	void problemWhenHttpElsewhereThenHttpsRequired() {
		assertThat(AppUrls.problem("http://app.example.org/cb")).hasValueSatisfying(
				(problem) -> assertThat(problem).contains("https"));
		assertThat(AppUrls.problem("http://localhost.example.org/cb")).isPresent();
	}

	@Test
	void problemWhenFragmentThenRejected() {
		assertThat(AppUrls.problem("https://app.example.org/cb#top")).hasValueSatisfying(
				(problem) -> assertThat(problem).contains("fragment"));
	}

	@Test
	void problemWhenRelativeOrOtherSchemeThenRejected() {
		assertThat(AppUrls.problem("/cb")).isPresent();
		assertThat(AppUrls.problem("javascript:alert(1)")).isPresent();
		assertThat(AppUrls.problem("ftp://app.example.org/cb")).isPresent();
	}

	@Test
	void problemWhenUserInfoOrSpacesThenRejected() {
		assertThat(AppUrls.problem("https://user:pw@app.example.org/cb")).isPresent();
		assertThat(AppUrls.problem("https://app.example.org/c b")).isPresent();
	}

}
