package health.ehr.scope;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class ResourceNounsTests {

	@ParameterizedTest
	@CsvSource(textBlock = """
			Immunization,           immunizations,                      false
			Practitioner,           care providers,                     true
			ExplanationOfBenefit,   insurance claims and payments,      false
			MolecularSequence,      molecular sequence records,         false
			Basic,                  basic records,                      false
			SearchParameter,        search parameter records,           true
			""")
	void ofWhenTypeThenNounAndDirectoryFlag(String type, String noun, boolean directory) {
		assertThat(ResourceNouns.of(type)).isEqualTo(noun);
		assertThat(ResourceNouns.isDirectory(type)).isEqualTo(directory);
	}

}
