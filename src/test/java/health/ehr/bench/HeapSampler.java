package health.ehr.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Samples the server's used heap with {@code jcmd <pid> GC.heap_info} when the server's process id is known
 * (the bench script starts the server and passes it); otherwise reports nothing.
 */
final class HeapSampler {

	private static final Pattern USED = Pattern.compile("used (\\d+)K");

	private final long pid;

	private long peakKilobytes;

	HeapSampler(long pid) {
		this.pid = pid;
	}

	void sample() {
		if (this.pid <= 0) {
			return;
		}
		try {
			Process jcmd = new ProcessBuilder("jcmd", Long.toString(this.pid), "GC.heap_info").redirectErrorStream(true)
				.start();
			String output;
			try (InputStream in = jcmd.getInputStream()) {
				output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
			}
			jcmd.waitFor();
			long used = 0;
			for (String line : output.split("\n")) {
				// The heap's generations (or G1's one heap line); metaspace is not heap.
				Matcher matcher = USED.matcher(line);
				if (!line.contains("Metaspace") && !line.contains("class space") && matcher.find()) {
					used += Long.parseLong(matcher.group(1));
				}
			}
			this.peakKilobytes = Math.max(this.peakKilobytes, used);
		}
		catch (IOException ex) {
			this.peakKilobytes = -1;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	String describePeak() {
		if (this.pid <= 0) {
			return "not sampled (no --server-pid)";
		}
		return (this.peakKilobytes < 0) ? "unavailable (jcmd failed)" : (this.peakKilobytes / 1024) + " MB";
	}

}
