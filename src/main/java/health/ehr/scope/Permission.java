package health.ehr.scope;

import java.util.EnumSet;
import java.util.Set;

/**
 * One of the five SMART v2 permissions, in the order their letters must appear in a scope ({@code cruds}).
 *
 * @see <a href="https://hl7.org/fhir/smart-app-launch/scopes-and-launch-context.html#scopes-for-requesting-fhir-resources">SMART
 * App Launch: scopes for requesting FHIR resources</a>
 */
public enum Permission {

	CREATE('c'), READ('r'), UPDATE('u'), DELETE('d'), SEARCH('s');

	private final char letter;

	Permission(char letter) {
		this.letter = letter;
	}

	/**
	 * The v2 letter of this permission.
	 */
	public char letter() {
		return this.letter;
	}

	/**
	 * The v2 suffix for a set of permissions, letters in {@code cruds} order (e.g. {@code rs}).
	 */
	public static String letters(Set<Permission> permissions) {
		StringBuilder letters = new StringBuilder();
		for (Permission permission : values()) {
			if (permissions.contains(permission)) {
				letters.append(permission.letter);
			}
		}
		return letters.toString();
	}

	/**
	 * The SMART v1 suffix that grants exactly these permissions ({@code read}, {@code write} or {@code *}), or
	 * {@code null} when no v1 suffix does.
	 */
	static String v1Suffix(Set<Permission> permissions) {
		for (String suffix : new String[] { "read", "write", "*" }) {
			if (ofV1(suffix).equals(permissions)) {
				return suffix;
			}
		}
		return null;
	}

	/**
	 * What a SMART v1 suffix grants: {@code read} is read and search, {@code write} is create, update and
	 * delete, {@code *} is everything.
	 */
	static Set<Permission> ofV1(String suffix) {
		return switch (suffix) {
			case "read" -> EnumSet.of(READ, SEARCH);
			case "write" -> EnumSet.of(CREATE, UPDATE, DELETE);
			case "*" -> EnumSet.allOf(Permission.class);
			default -> throw new IllegalArgumentException("not a SMART v1 suffix: " + suffix);
		};
	}

}
