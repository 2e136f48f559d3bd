package health.ehr.scope;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Granular scope filters combined as alternatives (OR over scopes, AND within one scope), simplified without
 * changing what they match: duplicates and alternatives narrower than another are dropped, and alternatives
 * that differ in one parameter's values become one (so two category scopes give {@code category=a,b}).
 */
final class FilterAlternatives {

	private FilterAlternatives() {
	}

	static Map<String, Set<String>> of(SmartScope scope) {
		Map<String, Set<String>> alternative = new LinkedHashMap<>();
		scope.filters().forEach((name, value) -> alternative.put(name, new LinkedHashSet<>(Set.of(value))));
		return alternative;
	}

	static List<Map<String, Set<String>>> simplify(List<Map<String, Set<String>>> alternatives) {
		List<Map<String, Set<String>>> result = new ArrayList<>(alternatives);
		boolean changed = true;
		while (changed) {
			changed = dropNarrower(result) || mergeOne(result);
		}
		return result;
	}

	private static boolean dropNarrower(List<Map<String, Set<String>>> alternatives) {
		for (int i = 0; i < alternatives.size(); i++) {
			for (int j = 0; j < alternatives.size(); j++) {
				if (i != j && isNarrower(alternatives.get(j), alternatives.get(i))) {
					alternatives.remove(j);
					return true;
				}
			}
		}
		return false;
	}

	/**
	 * Whether everything the narrower alternative matches is matched by the broader one: the broader has no
	 * parameter the narrower lacks, and for each of its parameters allows every value the narrower allows.
	 */
	static boolean isNarrower(Map<String, Set<String>> narrower, Map<String, Set<String>> broader) {
		return broader.entrySet()
			.stream()
			.allMatch((entry) -> narrower.containsKey(entry.getKey())
					&& entry.getValue().containsAll(narrower.get(entry.getKey())));
	}

	private static boolean mergeOne(List<Map<String, Set<String>>> alternatives) {
		for (int i = 0; i < alternatives.size(); i++) {
			for (int j = i + 1; j < alternatives.size(); j++) {
				String parameter = soleDifference(alternatives.get(i), alternatives.get(j));
				if (parameter != null) {
					Map<String, Set<String>> merged = new LinkedHashMap<>(alternatives.get(i));
					Set<String> values = new LinkedHashSet<>(merged.get(parameter));
					values.addAll(alternatives.get(j).get(parameter));
					merged.put(parameter, values);
					alternatives.set(i, merged);
					alternatives.remove(j);
					return true;
				}
			}
		}
		return false;
	}

	private static String soleDifference(Map<String, Set<String>> first, Map<String, Set<String>> second) {
		if (!first.keySet().equals(second.keySet())) {
			return null;
		}
		List<String> different = first.keySet().stream().filter((name) -> !first.get(name).equals(second.get(name)))
			.toList();
		return (different.size() == 1) ? different.get(0) : null;
	}

}
