package health.ehr.store;

/**
 * The resource a reference points to: {@code Patient/123}, {@code Patient/123/_history/2} and absolute
 * URLs ending in {@code Type/id} give a type and id; other values (canonical URLs, URNs) only a URL.
 *
 * @param type the target's resource type, or null when the reference is not of the form Type/id
 * @param id the target's id, or null
 * @param isLocal whether the reference is relative (a resource on this server)
 */
record ReferenceTarget(String type, String id, boolean isLocal) {

	static ReferenceTarget parse(String reference) {
		String value = reference;
		int history = value.indexOf("/_history/");
		if (history > 0) {
			value = value.substring(0, history);
		}
		boolean absolute = value.contains("://") || value.startsWith("urn:");
		String[] parts = value.split("/");
		if (parts.length >= 2 && !value.startsWith("urn:")) {
			String type = parts[parts.length - 2];
			String id = parts[parts.length - 1];
			if (!type.isEmpty() && Character.isUpperCase(type.charAt(0)) && !id.isEmpty() && id.length() <= 64) {
				return new ReferenceTarget(type, id, !absolute);
			}
		}
		return new ReferenceTarget(null, null, false);
	}

}
