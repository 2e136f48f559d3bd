package health.ehr.scope;

import java.util.EnumSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class PermissionTests {

	@Test
	void lettersWhenAnySetThenCrudsOrder() {
		assertThat(Permission.letters(EnumSet.of(Permission.SEARCH, Permission.READ))).isEqualTo("rs");
		assertThat(Permission.letters(EnumSet.allOf(Permission.class))).isEqualTo("cruds");
		assertThat(Permission.letters(Set.of())).isEmpty();
	}

	@Test
	void ofV1WhenSuffixThenV2Equivalent() {
		assertThat(Permission.ofV1("read")).containsExactly(Permission.READ, Permission.SEARCH);
		assertThat(Permission.ofV1("write")).containsExactly(Permission.CREATE, Permission.UPDATE, Permission.DELETE);
		assertThat(Permission.ofV1("*")).containsExactlyElementsOf(EnumSet.allOf(Permission.class));
		assertThatIllegalArgumentException().isThrownBy(() -> Permission.ofV1("rs"));
	}

}
