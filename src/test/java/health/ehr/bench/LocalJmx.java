package health.ehr.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;

/**
 * A JMX connection to a JVM on this machine, by process id: attaches once and starts the JVM's local management
 * agent. A launcher script's process id (Keycloak's {@code kc.sh}) works too: when the process is not a JVM,
 * its descendants are tried.
 */
final class LocalJmx {

	private LocalJmx() {
	}

	static JMXConnector connect(long pid) throws IOException {
		List<Long> candidates = new ArrayList<>();
		candidates.add(pid);
		ProcessHandle.of(pid).ifPresent((process) -> process.descendants().forEach((child) -> candidates.add(child.pid())));
		IOException failure = new IOException("No JVM to attach to at process " + pid);
		for (long candidate : candidates) {
			try {
				VirtualMachine jvm = VirtualMachine.attach(Long.toString(candidate));
				String address;
				try {
					address = jvm.startLocalManagementAgent();
				}
				finally {
					jvm.detach();
				}
				return JMXConnectorFactory.connect(new JMXServiceURL(address));
			}
			catch (AttachNotSupportedException | IOException ex) {
				failure.addSuppressed(ex);
			}
		}
		throw failure;
	}

}
