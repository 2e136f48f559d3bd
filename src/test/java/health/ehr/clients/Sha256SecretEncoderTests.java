package health.ehr.clients;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class Sha256SecretEncoderTests {

	private final Sha256SecretEncoder encoder = new Sha256SecretEncoder();

	@Test
	void encodeWhenSecretThenHexSha256() {
		assertThat(this.encoder.encode("abc"))
			.isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	}

	@Test
	void matchesWhenSameSecretThenTrue() {
		assertThat(this.encoder.matches("a secret", this.encoder.encode("a secret"))).isTrue();
	}

	@Test
	void matchesWhenOtherSecretThenFalse() {
		assertThat(this.encoder.matches("a secret!", this.encoder.encode("a secret"))).isFalse();
	}

	@Test
	void matchesWhenStoredValueIsNoHashThenFalse() {
		assertThat(this.encoder.matches("a secret", "not hex")).isFalse();
		assertThat(this.encoder.matches("a secret", "zz".repeat(32))).isFalse();
		assertThat(this.encoder.matches("a secret", null)).isFalse();
		assertThat(this.encoder.matches(null, this.encoder.encode("a secret"))).isFalse();
	}

}
