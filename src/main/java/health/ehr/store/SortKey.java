package health.ehr.store;

import java.util.ArrayList;
import java.util.List;

import ca.uhn.fhir.context.RuntimeSearchParam;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;

/**
 * One {@code _sort} key: a SQL expression per resource row (a parameter's smallest indexed value, or a
 * column), its direction and the kind of value, and the keyset condition that continues after a position.
 *
 * @see <a href="https://hl7.org/fhir/R4/search.html#_sort">FHIR R4 _sort</a>
 */
record SortKey(Sql expression, boolean descending, Kind kind) {

	enum Kind {

		STRING, NUMBER, TIME

	}

	static List<SortKey> parse(String type, String sort, SearchParamRegistry registry) {
		List<SortKey> keys = new ArrayList<>();
		if (sort == null || sort.isBlank()) {
			return keys;
		}
		for (String item : sort.split(",")) {
			boolean descending = item.startsWith("-");
			String name = descending ? item.substring(1) : item;
			keys.add(key(type, name, descending, registry));
		}
		return keys;
	}

	private static SortKey key(String type, String name, boolean descending, SearchParamRegistry registry) {
		if (name.equals("_id")) {
			return new SortKey(new Sql().append("r.res_id"), descending, Kind.STRING);
		}
		if (name.equals("_lastUpdated")) {
			return new SortKey(new Sql().append("r.last_updated"), descending, Kind.TIME);
		}
		RuntimeSearchParam param = registry.find(type, name)
			.orElseThrow(() -> new InvalidRequestException("Unknown _sort parameter \"" + name + "\" for " + type));
		String aggregate = descending ? "max" : "min";
		String column = switch (param.getParamType()) {
			case STRING -> "value_norm";
			case TOKEN -> "code";
			case REFERENCE -> "target_id";
			case DATE -> descending ? "high" : "low";
			case NUMBER, QUANTITY -> "num_value";
			case URI -> "uri";
			default -> throw new InvalidRequestException("Cannot sort by " + name);
		};
		Kind kind = switch (param.getParamType()) {
			case DATE -> Kind.TIME;
			case NUMBER, QUANTITY -> Kind.NUMBER;
			default -> Kind.STRING;
		};
		Sql expression = new Sql().append("(select " + aggregate + "(i." + column + ") from "
				+ SearchClauses.table(param.getParamType()) + " i where i.pid = r.pid and ");
		registry.condition(expression, "i", type, name).append(")");
		return new SortKey(expression, descending, kind);
	}

	/**
	 * Rows after the position (the sort values and pid of the last row of the previous page), with nulls
	 * last in either direction: after(k1) or (k1 = v1 and (after(k2) or (... or pid > p))).
	 */
	static Sql after(List<SortKey> keys, List<Object> position) {
		if (position.size() != keys.size() + 1) {
			throw new InvalidRequestException("The _cursor parameter is not a cursor of this search");
		}
		Sql sql = new Sql().append("(");
		int open = 0;
		for (int i = 0; i < keys.size(); i++) {
			String column = "t.s" + i;
			Object value = position.get(i);
			if (value == null) {
				sql.append("(" + column + " is null and (");
			}
			else {
				sql.append("(" + column + (keys.get(i).descending() ? " < " : " > ")).arg(value)
					.append(" or " + column + " is null) or (" + column + " = ").arg(value).append(" and (");
			}
			open++;
		}
		sql.append("t.pid > ").arg(position.get(keys.size()));
		sql.append(")".repeat(open * 2)).append(")");
		return sql;
	}

}
