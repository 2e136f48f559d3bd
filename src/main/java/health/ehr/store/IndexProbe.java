package health.ehr.store;

/**
 * How a condition on an index table ({@code idx_*}, {@code resource_compartment}) meets the candidate rows of a
 * search: as a semi-join ({@code r.pid in (select i.pid from ...)}), which the planner may start from, or as a
 * check of each candidate of an {@link SearchAnchor anchored} search ({@code exists (select 1 from ... where
 * i.pid = m.pid ... offset 0 rows)}). The {@code offset} keeps PostgreSQL from turning the check back into a
 * join: with a generic plan (a prepared statement) it cannot tell {@code category=laboratory} (half the
 * table) from a rare code, and would otherwise read and hash every matching index row.
 *
 * @param pid the candidate's pid column
 * @param perRow whether the condition is checked per candidate
 */
record IndexProbe(String pid, boolean perRow) {

	/** The semi-join on the resource row {@code r}. */
	static final IndexProbe SEMI_JOIN = new IndexProbe("r.pid", false);

	/** The check per candidate of the anchor {@code m}. */
	static final IndexProbe PER_ANCHOR_ROW = new IndexProbe("m.pid", true);

	/** Opens the condition on the rows {@code alias} of the table; the caller adds theirs, then {@link #close}s. */
	Sql open(Sql sql, String table, String alias, boolean negated) {
		if (this.perRow) {
			return sql.append((negated ? "not exists" : "exists") + " (select 1 from " + table + " " + alias + " where "
					+ alias + ".pid = " + this.pid + " and ");
		}
		return sql.append(this.pid + (negated ? " not in" : " in") + " (select " + alias + ".pid from " + table + " "
				+ alias + " where ");
	}

	Sql close(Sql sql) {
		return sql.append(this.perRow ? " offset 0 rows)" : ")");
	}

}
