package health.ehr.bench;

import java.io.IOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;

import javax.management.remote.JMXConnector;

/**
 * How much a server's JIT compiler has worked so far ({@link CompilationMXBean#getTotalCompilationTime()}, read
 * over JMX), so that a warm-up can go on until the compiler is quiet. On a machine whose cores the load keeps
 * busy the compiler threads get a small share of them, and a server measured after a fixed warm-up can still
 * run much of its request path in the profiling tiers: on this 2-core machine the same guarded server read
 * 6,900 and 13,000 times a second from one start to the next, with the whole request path still at tier 3 in
 * the slow start. Without a process id, or when the JVM cannot be reached, nothing is known (-1).
 */
final class JitActivity implements AutoCloseable {

	private static final JitActivity NONE = new JitActivity(null, null);

	private final JMXConnector connector;

	private final CompilationMXBean compilation;

	private JitActivity(JMXConnector connector, CompilationMXBean compilation) {
		this.connector = connector;
		this.compilation = compilation;
	}

	/** The JIT activity of the JVM with this process id (or below it); knows nothing when pid is 0 or unreachable. */
	static JitActivity of(long pid, String name) {
		if (pid <= 0) {
			return NONE;
		}
		try {
			JMXConnector connector = LocalJmx.connect(pid);
			CompilationMXBean compilation = ManagementFactory.newPlatformMXBeanProxy(
					connector.getMBeanServerConnection(), ManagementFactory.COMPILATION_MXBEAN_NAME,
					CompilationMXBean.class);
			if (!compilation.isCompilationTimeMonitoringSupported()) {
				connector.close();
				return NONE;
			}
			return new JitActivity(connector, compilation);
		}
		catch (IOException | RuntimeException ex) {
			System.err.printf("[bench] cannot read the JIT activity of %s (process %d): warm-ups are fixed (%s)%n",
					name, pid, ex.getMessage());
			return NONE;
		}
	}

	/** Milliseconds the JVM's compilers have spent so far, or -1 when unknown. */
	long compileMillis() {
		if (this.compilation == null) {
			return -1;
		}
		try {
			return this.compilation.getTotalCompilationTime();
		}
		catch (RuntimeException ex) {
			return -1;
		}
	}

	@Override
	public void close() {
		if (this.connector != null) {
			try {
				this.connector.close();
			}
			catch (IOException ex) {
				// Nothing is read any more; a connection that does not close cleanly changes no result.
			}
		}
	}

}
