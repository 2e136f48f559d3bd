package health.ehr.store;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import ca.uhn.fhir.context.RuntimeSearchParam;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.rest.api.RestSearchParameterTypeEnum;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;

import org.hl7.fhir.r4.model.DateTimeType;

/**
 * Translates one occurrence of a search parameter (its comma-separated values OR'ed) into a SQL condition
 * on the resource row {@code r}: a semi-join on the parameter's index table.
 *
 * @see <a href="https://hl7.org/fhir/R4/search.html">FHIR R4 search</a>
 */
final class SearchClauses {

	private SearchClauses() {
	}

	static void lastUpdated(Sql sql, List<String> values) {
		sql.append("(");
		for (int i = 0; i < values.size(); i++) {
			sql.append((i == 0) ? "" : " or ");
			DatePrefix.Range range = DatePrefix.parse("_lastUpdated", values.get(i));
			range.condition(sql, "r.last_updated", "r.last_updated");
		}
		sql.append(")");
	}

	/**
	 * @param registry where the parameter's index rows are ({@link SearchParamRegistry#rows})
	 */
	static void parameter(Sql sql, String type, RuntimeSearchParam param, SearchParamRegistry registry,
			String modifier, List<String> values, IndexProbe probe) {
		String table = table(param.getParamType());
		if ("missing".equals(modifier)) {
			boolean missing = values.size() == 1 && "true".equals(values.get(0));
			if (!missing && !(values.size() == 1 && "false".equals(values.get(0)))) {
				throw new InvalidRequestException("The :missing modifier of " + param.getName() + " takes true or false");
			}
			registry.condition(probe.open(sql, table, "i", missing), "i", type, param.getName());
			probe.close(sql);
			return;
		}
		boolean negated = "not".equals(modifier) && param.getParamType() == RestSearchParameterTypeEnum.TOKEN;
		probe.open(sql, table, "i", negated);
		values(sql, type, param, registry, negated ? null : modifier, values);
		probe.close(sql);
	}

	/** The condition on the index rows {@code i} of the parameter that match any of the values. */
	static Sql values(Sql sql, String type, RuntimeSearchParam param, SearchParamRegistry registry, String modifier,
			List<String> values) {
		registry.condition(sql, "i", type, param.getName()).append(" and (");
		for (int i = 0; i < values.size(); i++) {
			sql.append((i == 0) ? "(" : " or (");
			value(sql, param, modifier, values.get(i));
			sql.append(")");
		}
		return sql.append(")");
	}

	static String table(RestSearchParameterTypeEnum type) {
		return switch (type) {
			case STRING -> "idx_string";
			case TOKEN -> "idx_token";
			case REFERENCE -> "idx_reference";
			case DATE -> "idx_date";
			case NUMBER -> "idx_number";
			case QUANTITY -> "idx_quantity";
			case URI -> "idx_uri";
			default -> throw new InvalidRequestException("Search parameters of type " + type + " are not supported");
		};
	}

	private static void value(Sql sql, RuntimeSearchParam param, String modifier, String value) {
		switch (param.getParamType()) {
			case STRING -> string(sql, param.getName(), modifier, value);
			case TOKEN -> token(sql, param.getName(), modifier, value);
			case REFERENCE -> reference(sql, param.getName(), modifier, value);
			case DATE -> {
				noModifier(param.getName(), modifier);
				DatePrefix.parse(param.getName(), value).condition(sql, "i.low", "i.high");
			}
			case NUMBER -> {
				noModifier(param.getName(), modifier);
				NumberPrefix.parse(param.getName(), value).condition(sql, "i.num_value");
			}
			case QUANTITY -> quantity(sql, param.getName(), modifier, value);
			case URI -> uri(sql, param.getName(), modifier, value);
			default -> throw new InvalidRequestException("Search parameter " + param.getName() + " is not supported");
		}
	}

	private static void string(Sql sql, String name, String modifier, String value) {
		if (modifier == null) {
			sql.append("i.value_norm like ").arg(escapeLike(IndexText.normalize(value)) + "%").append(" escape '\\'");
		}
		else if (modifier.equals("exact")) {
			sql.append("i.value_exact = ").arg(value);
		}
		else if (modifier.equals("contains")) {
			sql.append("i.value_norm like ").arg("%" + escapeLike(IndexText.normalize(value)) + "%")
				.append(" escape '\\'");
		}
		else {
			throw unsupportedModifier(name, modifier);
		}
	}

	private static void token(Sql sql, String name, String modifier, String value) {
		if ("text".equals(modifier)) {
			sql.append("i.text_norm like ").arg(escapeLike(IndexText.normalize(value)) + "%").append(" escape '\\'");
			return;
		}
		if (modifier != null) {
			throw unsupportedModifier(name, modifier);
		}
		int bar = value.indexOf('|');
		if (bar < 0) {
			sql.append("i.code = ").arg(value);
		}
		else if (bar == 0) {
			sql.append("i.system is null and i.code = ").arg(value.substring(1));
		}
		else if (bar == value.length() - 1) {
			sql.append("i.system = ").arg(value.substring(0, bar));
		}
		else {
			sql.append("i.code = ").arg(value.substring(bar + 1)).append(" and i.system = ").arg(value.substring(0, bar));
		}
	}

	private static void reference(Sql sql, String name, String modifier, String value) {
		if (modifier != null && (modifier.isEmpty() || !Character.isUpperCase(modifier.charAt(0)))) {
			throw unsupportedModifier(name, modifier);
		}
		if (value.contains("://")) {
			sql.append("i.target_url = ").arg(value);
			return;
		}
		ReferenceTarget target = ReferenceTarget.parse(value);
		if (target.type() != null) {
			sql.append("i.target_id = ").arg(target.id()).append(" and i.target_type = ").arg(target.type());
		}
		else {
			sql.append("i.target_id = ").arg(value);
			if (modifier != null) {
				sql.append(" and i.target_type = ").arg(modifier);
			}
		}
	}

	private static void quantity(Sql sql, String name, String modifier, String value) {
		noModifier(name, modifier);
		String[] parts = value.split("\\|", 3);
		NumberPrefix.parse(name, parts[0]).condition(sql, "i.num_value");
		if (parts.length > 1 && !parts[1].isEmpty()) {
			sql.append(" and i.system = ").arg(parts[1]);
		}
		if (parts.length > 2 && !parts[2].isEmpty()) {
			sql.append(" and i.code = ").arg(parts[2]);
		}
	}

	private static void uri(Sql sql, String name, String modifier, String value) {
		if (modifier == null) {
			sql.append("i.uri = ").arg(value);
		}
		else if (modifier.equals("below")) {
			sql.append("i.uri like ").arg(escapeLike(value) + "%").append(" escape '\\'");
		}
		else {
			throw unsupportedModifier(name, modifier);
		}
	}

	private static void noModifier(String name, String modifier) {
		if (modifier != null) {
			throw unsupportedModifier(name, modifier);
		}
	}

	static InvalidRequestException unsupportedModifier(String name, String modifier) {
		return new InvalidRequestException("The modifier :" + modifier + " is not supported for search parameter "
				+ name);
	}

	static String escapeLike(String value) {
		return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
	}

	/** Splits a parameter value on commas that are not escaped ({@code \,}). */
	static List<String> splitOr(String value) {
		List<String> values = new ArrayList<>();
		StringBuilder current = new StringBuilder();
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c == '\\' && i + 1 < value.length() && (value.charAt(i + 1) == ',' || value.charAt(i + 1) == '\\')) {
				current.append(value.charAt(++i));
			}
			else if (c == ',') {
				values.add(current.toString());
				current.setLength(0);
			}
			else {
				current.append(c);
			}
		}
		values.add(current.toString());
		return values;
	}

	/** Date prefixes (eq ne gt lt ge le sa eb ap) against the range a value covers. */
	static final class DatePrefix {

		private DatePrefix() {
		}

		record Range(String prefix, Instant low, Instant high) {

			void condition(Sql sql, String lowColumn, String highColumn) {
				Object qlow = IndexWriter.utc(this.low);
				Object qhigh = IndexWriter.utc(this.high);
				switch (this.prefix) {
					case "eq" -> sql.append(lowColumn + " >= ").arg(qlow).append(" and " + highColumn + " <= ").arg(qhigh);
					case "ne" -> sql.append("(" + lowColumn + " < ").arg(qlow).append(" or " + highColumn + " > ")
						.arg(qhigh).append(")");
					case "gt" -> sql.append(highColumn + " > ").arg(qhigh);
					case "lt" -> sql.append(lowColumn + " < ").arg(qlow);
					case "ge" -> sql.append(highColumn + " >= ").arg(qlow);
					case "le" -> sql.append(lowColumn + " <= ").arg(qhigh);
					case "sa" -> sql.append(lowColumn + " > ").arg(qhigh);
					case "eb" -> sql.append(highColumn + " < ").arg(qlow);
					case "ap" -> sql.append(lowColumn + " <= ").arg(qhigh).append(" and " + highColumn + " >= ").arg(qlow);
					default -> throw new IllegalStateException(this.prefix);
				}
			}

		}

		static Range parse(String name, String value) {
			String prefix = prefix(value);
			String date = (prefix == null) ? value : value.substring(2);
			try {
				DateTimeType parsed = new DateTimeType(date);
				if (parsed.getValue() == null) {
					throw new DataFormatException("empty");
				}
				return new Range((prefix == null) ? "eq" : prefix, parsed.getValue().toInstant(),
						IndexValueExtractor.highEnd(parsed));
			}
			catch (DataFormatException | IllegalArgumentException ex) {
				throw new InvalidRequestException("Search parameter " + name + " has an invalid date: " + value);
			}
		}

	}

	/** Number prefixes; eq and ne respect the value's precision (100 means [99.5, 100.5)). */
	static final class NumberPrefix {

		private NumberPrefix() {
		}

		record Comparison(String prefix, BigDecimal value) {

			void condition(Sql sql, String column) {
				BigDecimal half = BigDecimal.ONE.movePointLeft(Math.max(0, this.value.scale())).divide(BigDecimal.valueOf(2));
				switch (this.prefix) {
					case "eq" -> sql.append(column + " >= ").arg(this.value.subtract(half)).append(" and " + column + " < ")
						.arg(this.value.add(half));
					case "ne" -> sql.append("(" + column + " < ").arg(this.value.subtract(half)).append(" or " + column
							+ " >= ").arg(this.value.add(half)).append(")");
					case "gt", "sa" -> sql.append(column + " > ").arg(this.value);
					case "lt", "eb" -> sql.append(column + " < ").arg(this.value);
					case "ge" -> sql.append(column + " >= ").arg(this.value);
					case "le" -> sql.append(column + " <= ").arg(this.value);
					case "ap" -> {
						BigDecimal tenth = this.value.abs().divide(BigDecimal.TEN);
						sql.append(column + " >= ").arg(this.value.subtract(tenth)).append(" and " + column + " <= ")
							.arg(this.value.add(tenth));
					}
					default -> throw new IllegalStateException(this.prefix);
				}
			}

		}

		static Comparison parse(String name, String value) {
			String prefix = prefix(value);
			try {
				return new Comparison((prefix == null) ? "eq" : prefix,
						new BigDecimal((prefix == null) ? value : value.substring(2)));
			}
			catch (NumberFormatException ex) {
				throw new InvalidRequestException("Search parameter " + name + " has an invalid number: " + value);
			}
		}

	}

	private static String prefix(String value) {
		if (value.length() > 2 && Character.isLetter(value.charAt(0)) && Character.isLetter(value.charAt(1))) {
			String prefix = value.substring(0, 2);
			if (List.of("eq", "ne", "gt", "lt", "ge", "le", "sa", "eb", "ap").contains(prefix)) {
				return prefix;
			}
		}
		return null;
	}

}
