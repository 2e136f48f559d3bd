package health.ehr.demo;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class DemoPropertiesTests {

	@Test
	void whenNothingSetThenDefaults() {
		DemoProperties properties = new DemoProperties(null, null, null, null, null, null, null);

		assertThat(properties.loadOnFirstStart()).isTrue();
		assertThat(properties.patients()).isEqualTo(50);
		assertThat(properties.seed()).isEqualTo(20261204L);
		assertThat(properties.generate()).isZero();
		assertThat(properties.batchSize()).isEqualTo(1000);
		assertThat(properties.loadThreads()).isEqualTo(2);
		assertThat(properties.transactionSize()).isEqualTo(5000);
	}

	@Test
	void whenNegativeCountsThenRefusedNamingTheProperty() {
		assertThatIllegalArgumentException().isThrownBy(() -> new DemoProperties(null, null, null, -5, null, null, null))
			.withMessageContaining("ehr.demo.generate").withMessageContaining("-5");
		assertThatIllegalArgumentException().isThrownBy(() -> new DemoProperties(null, -1, null, null, null, null, null))
			.withMessageContaining("ehr.demo.patients");
		assertThatIllegalArgumentException().isThrownBy(() -> new DemoProperties(null, null, null, null, 0, null, null))
			.withMessageContaining("ehr.demo.batch-size");
		assertThatIllegalArgumentException().isThrownBy(() -> new DemoProperties(null, null, null, null, null, 0, null))
			.withMessageContaining("ehr.demo.load-threads");
		assertThatIllegalArgumentException().isThrownBy(() -> new DemoProperties(null, null, null, null, null, null, 0))
			.withMessageContaining("ehr.demo.transaction-size");
	}

}
