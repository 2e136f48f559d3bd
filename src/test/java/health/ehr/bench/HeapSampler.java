package health.ehr.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

import javax.management.remote.JMXConnector;

/**
 * Samples the server's used heap while a scenario runs, when the server's process id is known (the bench
 * script starts the server and passes it); otherwise reports nothing. It connects once to the server's JVM
 * ({@link LocalJmx}) and reads the heap from a background thread every {@value #INTERVAL_MILLIS} ms, so
 * that sampling costs the measured requests nothing (a {@code jcmd} per sample, a JVM start each, used to
 * sit between the export's downloads).
 */
final class HeapSampler implements AutoCloseable {

	static final long INTERVAL_MILLIS = 100;

	private final long pid;

	private volatile long peakBytes;

	private volatile boolean unavailable;

	private volatile boolean running;

	private JMXConnector connector;

	private Thread thread;

	HeapSampler(long pid) {
		this.pid = pid;
	}

	/** Starts sampling in the background until {@link #close()}. */
	void start() {
		if (this.pid <= 0) {
			return;
		}
		try {
			this.connector = LocalJmx.connect(this.pid);
			MemoryMXBean memory = ManagementFactory.newPlatformMXBeanProxy(this.connector.getMBeanServerConnection(),
					ManagementFactory.MEMORY_MXBEAN_NAME, MemoryMXBean.class);
			this.running = true;
			this.thread = new Thread(() -> sampleUntilClosed(memory), "heap-sampler");
			this.thread.setDaemon(true);
			this.thread.start();
		}
		catch (IOException | RuntimeException ex) {
			this.unavailable = true;
		}
	}

	private void sampleUntilClosed(MemoryMXBean memory) {
		while (this.running) {
			try {
				this.peakBytes = Math.max(this.peakBytes, memory.getHeapMemoryUsage().getUsed());
				Thread.sleep(INTERVAL_MILLIS);
			}
			catch (InterruptedException ex) {
				return;
			}
			catch (RuntimeException ex) {
				this.unavailable = true;
				return;
			}
		}
	}

	@Override
	public void close() {
		this.running = false;
		if (this.thread != null) {
			this.thread.interrupt();
			try {
				this.thread.join(1000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		if (this.connector != null) {
			try {
				this.connector.close();
			}
			catch (IOException ex) {
				// The samples are taken; a connection that does not close cleanly changes none of them.
			}
		}
	}

	String describePeak() {
		if (this.pid <= 0) {
			return "not sampled (no --server-pid)";
		}
		return this.unavailable ? "unavailable (no JMX attach)" : (this.peakBytes / (1024 * 1024)) + " MB";
	}

}
