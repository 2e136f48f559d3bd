package health.ehr.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * A piece of SQL with its bind arguments, built in order.
 */
final class Sql {

	private final StringBuilder text = new StringBuilder();

	private final List<Object> args = new ArrayList<>();

	Sql append(String sql) {
		this.text.append(sql);
		return this;
	}

	/** Appends a bind marker for the value. */
	Sql arg(Object value) {
		this.text.append('?');
		this.args.add(value);
		return this;
	}

	/** Appends {@code (?, ?, ...)} for the values. */
	Sql in(Collection<?> values) {
		this.text.append('(');
		boolean first = true;
		for (Object value : values) {
			this.text.append(first ? "?" : ", ?");
			this.args.add(value);
			first = false;
		}
		this.text.append(')');
		return this;
	}

	Sql append(Sql other) {
		this.text.append(other.text);
		this.args.addAll(other.args);
		return this;
	}

	boolean isEmpty() {
		return this.text.isEmpty();
	}

	String text() {
		return this.text.toString();
	}

	Object[] args() {
		return this.args.toArray();
	}

	@Override
	public String toString() {
		return this.text + " " + this.args;
	}

}
