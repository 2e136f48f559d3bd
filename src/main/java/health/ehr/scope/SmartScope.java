package health.ehr.scope;

import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One SMART scope as a value: a resource scope ({@code patient/Observation.rs?category=...},
 * {@code user/*.read}) or a non-resource scope ({@code openid}, {@code launch/patient}, ...). Equal when their
 * strings are equal; {@link #value()} gives back the string exactly as parsed.
 *
 * @see <a href="https://hl7.org/fhir/smart-app-launch/scopes-and-launch-context.html">SMART App Launch 2.2:
 * scopes and launch context</a>
 */
public final class SmartScope {

	/**
	 * What a scope is about.
	 */
	public enum Kind {

		RESOURCE, OPENID, FHIR_USER, PROFILE, LAUNCH, LAUNCH_PATIENT, LAUNCH_ENCOUNTER, OFFLINE_ACCESS,
		ONLINE_ACCESS,
		/** A syntactically plain scope this server does not know, kept so that it can be refused by name. */
		OTHER

	}

	/**
	 * The context type of a resource scope: whose data it reaches.
	 */
	public enum Context {

		PATIENT("patient"), USER("user"), SYSTEM("system");

		private final String prefix;

		Context(String prefix) {
			this.prefix = prefix;
		}

		/**
		 * The word before the slash, e.g. {@code patient}.
		 */
		public String prefix() {
			return this.prefix;
		}

	}

	/** The resource type of scopes that cover every type. */
	public static final String ANY_TYPE = "*";

	private final String value;

	private final Kind kind;

	private final Context context;

	private final String resourceType;

	private final Set<Permission> permissions;

	private final Map<String, String> filters;

	private final boolean v1;

	private SmartScope(String value, Kind kind, Context context, String resourceType, Set<Permission> permissions,
			Map<String, String> filters, boolean v1) {
		this.value = value;
		this.kind = kind;
		this.context = context;
		this.resourceType = resourceType;
		this.permissions = Collections.unmodifiableSet(permissions);
		this.filters = Collections.unmodifiableMap(filters);
		this.v1 = v1;
	}

	static SmartScope nonResource(String value, Kind kind) {
		return new SmartScope(value, kind, null, null, EnumSet.noneOf(Permission.class), Map.of(), false);
	}

	static SmartScope resource(String value, Context context, String resourceType, Set<Permission> permissions,
			LinkedHashMap<String, String> filters, boolean v1) {
		return new SmartScope(value, Kind.RESOURCE, context, resourceType, EnumSet.copyOf(permissions), filters, v1);
	}

	/**
	 * Parses one scope.
	 * @throws InvalidScopeException for anything malformed, naming the scope
	 */
	public static SmartScope parse(String value) {
		return SmartScopeParser.parse(value);
	}

	/**
	 * The scope exactly as it was parsed.
	 */
	public String value() {
		return this.value;
	}

	public Kind kind() {
		return this.kind;
	}

	public boolean isResourceScope() {
		return this.kind == Kind.RESOURCE;
	}

	/**
	 * The context type of a resource scope; empty for non-resource scopes.
	 */
	public Optional<Context> context() {
		return Optional.ofNullable(this.context);
	}

	/**
	 * The resource type of a resource scope, or {@value #ANY_TYPE}; empty for non-resource scopes.
	 */
	public Optional<String> resourceType() {
		return Optional.ofNullable(this.resourceType);
	}

	/**
	 * Whether this resource scope covers the given resource type (its own, or every type for {@code *}).
	 */
	public boolean appliesTo(String type) {
		return this.resourceType != null && (ANY_TYPE.equals(this.resourceType) || this.resourceType.equals(type));
	}

	/**
	 * Whether this resource scope names {@code *} or one of FHIR R4's resource types; false for non-resource
	 * scopes.
	 */
	public boolean isKnownResourceType() {
		return isWildcardType() || (this.resourceType != null && R4ResourceTypes.isKnown(this.resourceType));
	}

	/**
	 * Whether this scope is at least as broad as the other: the same non-resource scope, or a resource scope of
	 * the same context type for the same type (or {@code *}), with every permission of the other and no filter
	 * the other lacks. {@code patient/*.rs} covers {@code patient/Observation.read} and
	 * {@code patient/Observation.s?category=laboratory}, not {@code patient/Observation.cruds} nor
	 * {@code user/Observation.rs}.
	 */
	public boolean covers(SmartScope other) {
		if (!isResourceScope() || !other.isResourceScope()) {
			return this.value.equals(other.value);
		}
		return this.context == other.context && appliesTo(other.resourceType)
				&& this.permissions.containsAll(other.permissions)
				&& other.filters.entrySet().containsAll(this.filters.entrySet());
	}

	/**
	 * The scope that permits exactly what both permit, if anything: the same context type, the narrower resource
	 * type, the permissions both have and the filters of both. {@code system/*.rs} and
	 * {@code system/Observation.cruds} give {@code system/Observation.rs}; {@code user/*.read} and
	 * {@code user/Observation.rs?category=laboratory} give the latter. The result is written as SMART v1 when
	 * this scope is v1 and its permissions are a v1 suffix's, otherwise as v2. Empty when the two share nothing,
	 * or when they filter one parameter on different values; a non-resource scope only meets itself.
	 */
	public Optional<SmartScope> intersection(SmartScope other) {
		Objects.requireNonNull(other, "other cannot be null");
		if (other.covers(this)) {
			return Optional.of(this);
		}
		if (!isResourceScope() || !other.isResourceScope() || this.context != other.context) {
			return Optional.empty();
		}
		String type = isWildcardType() ? other.resourceType : this.resourceType;
		if (!appliesTo(type) || !other.appliesTo(type)) {
			return Optional.empty();
		}
		Set<Permission> permissions = EnumSet.noneOf(Permission.class);
		permissions.addAll(this.permissions);
		permissions.retainAll(other.permissions);
		LinkedHashMap<String, String> filters = new LinkedHashMap<>(this.filters);
		for (Map.Entry<String, String> filter : other.filters.entrySet()) {
			String value = filters.putIfAbsent(filter.getKey(), filter.getValue());
			if (value != null && !value.equals(filter.getValue())) {
				return Optional.empty();
			}
		}
		if (permissions.isEmpty()) {
			return Optional.empty();
		}
		String v1Suffix = (this.v1 && filters.isEmpty()) ? Permission.v1Suffix(permissions) : null;
		StringBuilder value = new StringBuilder(this.context.prefix()).append('/').append(type).append('.')
			.append((v1Suffix != null) ? v1Suffix : Permission.letters(permissions));
		String separator = "?";
		for (Map.Entry<String, String> filter : filters.entrySet()) {
			value.append(separator).append(filter.getKey()).append('=').append(filter.getValue());
			separator = "&";
		}
		return Optional.of(new SmartScope(value.toString(), Kind.RESOURCE, this.context, type, permissions, filters,
				v1Suffix != null));
	}

	public boolean isWildcardType() {
		return ANY_TYPE.equals(this.resourceType);
	}

	/**
	 * What this resource scope permits (v1 {@code read} is read and search); empty for non-resource scopes.
	 */
	public Set<Permission> permissions() {
		return this.permissions;
	}

	/**
	 * The granular filters of a v2 scope ({@code ?category=...&code=...}), in order; empty when there are none.
	 */
	public Map<String, String> filters() {
		return this.filters;
	}

	/**
	 * Whether this is a SMART v1 resource scope ({@code .read}, {@code .write}, {@code .*}).
	 */
	public boolean isV1() {
		return this.v1;
	}

	/**
	 * Whether this is a granular v2 scope, one with {@code ?param=value} filters.
	 */
	public boolean isGranular() {
		return !this.filters.isEmpty();
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof SmartScope scope && this.value.equals(scope.value);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.value);
	}

	@Override
	public String toString() {
		return this.value;
	}

}
