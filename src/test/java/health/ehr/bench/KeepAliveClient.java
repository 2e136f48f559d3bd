package health.ehr.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.springframework.util.Assert;

/**
 * The load generator's HTTP/1.1 client: blocking GETs (FHIR) and form POSTs (token) over one kept-alive
 * connection per load thread, each response read to its last byte (length-delimited or chunked). {@code java.net.http} spends about half as
 * much CPU per request as the server does (its selector thread, futures and hand-offs), and on a 2-core machine
 * the load generator takes that CPU from the server it measures; a plain socket costs a fraction of it.
 */
final class KeepAliveClient implements AutoCloseable {

	private final String host;

	private final int port;

	private final ThreadLocal<Connection> connections = new ThreadLocal<>();

	private final Set<Connection> open = ConcurrentHashMap.newKeySet();

	/** Connections opened before the last {@link #reconnect()} are not used again. */
	private volatile int epoch;

	KeepAliveClient(String baseUrl) {
		URI uri = URI.create(baseUrl);
		Assert.isTrue("http".equals(uri.getScheme()), "the keep-alive client speaks plain http only");
		this.host = uri.getHost();
		this.port = (uri.getPort() < 0) ? 80 : uri.getPort();
	}

	/** One GET; on a kept-alive connection that fails (closed by the server while idle) it is sent once more. */
	Response get(String path, String... headers) throws IOException {
		byte[] request = request("GET", path, new byte[0], headers);
		Connection connection = current();
		if (connection != null) {
			try {
				return exchange(connection, request);
			}
			catch (IOException ex) {
				// A GET is safe to send again, on a new connection.
			}
		}
		return exchange(open(), request);
	}

	/**
	 * One form POST on this thread's connection, the fields URL-encoded in their order. Not sent again when it
	 * fails: a token request with a used assertion would not be the same request twice.
	 */
	Response postForm(String path, Map<String, String> form) throws IOException {
		String body = form.entrySet()
			.stream()
			.map((field) -> URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
		byte[] request = request("POST", path, body.getBytes(StandardCharsets.UTF_8), "Content-Type",
				"application/x-www-form-urlencoded");
		Connection connection = current();
		return exchange((connection != null) ? connection : open(), request);
	}

	/**
	 * Has every thread open a new connection for its next request. For a pause longer than the server keeps an idle
	 * connection (the token scenarios sign their assertions between the warm-up and the measured phase): a POST is not
	 * sent again, so one on a connection the server closed meanwhile would fail.
	 */
	void reconnect() {
		this.epoch++;
		this.open.forEach(this::close);
	}

	/** This thread's connection, unless it was opened before the last {@link #reconnect()}. */
	private Connection current() {
		Connection connection = this.connections.get();
		if (connection != null && connection.epoch() != this.epoch) {
			close(connection);
			return null;
		}
		return connection;
	}

	/** Closes the connections of every thread. */
	@Override
	public void close() {
		this.open.forEach(this::close);
	}

	private Response exchange(Connection connection, byte[] request) throws IOException {
		try {
			connection.out().write(request);
			connection.out().flush();
			Response response = read(connection.in());
			if (response.closes()) {
				close(connection);
			}
			return response;
		}
		catch (IOException | RuntimeException ex) {
			close(connection);
			throw ex;
		}
	}

	private Connection open() throws IOException {
		Socket socket = new Socket(this.host, this.port);
		socket.setTcpNoDelay(true);
		socket.setSoTimeout(60_000);
		Connection connection = new Connection(socket, new BufferedInputStream(socket.getInputStream(), 16384),
				new BufferedOutputStream(socket.getOutputStream(), 4096), this.epoch);
		this.connections.set(connection);
		this.open.add(connection);
		return connection;
	}

	private void close(Connection connection) {
		if (this.connections.get() == connection) {
			this.connections.remove();
		}
		this.open.remove(connection);
		try {
			connection.socket().close();
		}
		catch (IOException ex) {
			// Closing a broken connection: nothing left to do with it.
		}
	}

	private byte[] request(String method, String path, byte[] body, String... headers) {
		StringBuilder request = new StringBuilder(256).append(method).append(' ').append(path)
			.append(" HTTP/1.1\r\nHost: ").append(this.host).append(':').append(this.port).append("\r\n");
		for (int i = 0; i + 1 < headers.length; i += 2) {
			request.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
		}
		if (body.length > 0) {
			request.append("Content-Length: ").append(body.length).append("\r\n");
		}
		byte[] head = request.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
		byte[] message = Arrays.copyOf(head, head.length + body.length);
		System.arraycopy(body, 0, message, head.length, body.length);
		return message;
	}

	private static Response read(InputStream in) throws IOException {
		String statusLine = line(in, true);
		int status = Integer.parseInt(statusLine.substring(9, 12));
		long length = -1;
		boolean chunked = false;
		boolean closes = false;
		for (String header = line(in, false); !header.isEmpty(); header = line(in, false)) {
			int colon = header.indexOf(':');
			String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
			String value = header.substring(colon + 1).trim();
			switch (name) {
				case "content-length" -> length = Long.parseLong(value);
				case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
				case "connection" -> closes = value.equalsIgnoreCase("close");
				default -> {
				}
			}
		}
		ByteArrayOutputStream body = new ByteArrayOutputStream((length > 0) ? (int) length : 2048);
		if (status == 204 || status == 304 || (status >= 100 && status < 200)) {
			return new Response(status, body.toByteArray(), closes);
		}
		if (chunked) {
			for (long size = chunkSize(line(in, false)); size > 0; size = chunkSize(line(in, false))) {
				copy(in, body, size);
				line(in, false);
			}
			while (!line(in, false).isEmpty()) {
				// trailer fields, if any
			}
		}
		else if (length >= 0) {
			copy(in, body, length);
		}
		else {
			in.transferTo(body);
			closes = true;
		}
		return new Response(status, body.toByteArray(), closes);
	}

	private static long chunkSize(String line) {
		int extension = line.indexOf(';');
		return Long.parseLong(((extension < 0) ? line : line.substring(0, extension)).trim(), 16);
	}

	private static void copy(InputStream in, ByteArrayOutputStream body, long length) throws IOException {
		byte[] buffer = new byte[8192];
		long left = length;
		while (left > 0) {
			int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
			if (read < 0) {
				throw new IOException("The connection closed " + left + " bytes before the end of the body");
			}
			body.write(buffer, 0, read);
			left -= read;
		}
	}

	/** One line without its CRLF; an end of stream before the first byte of a response is an EOFException. */
	private static String line(InputStream in, boolean first) throws IOException {
		StringBuilder line = new StringBuilder(64);
		int c;
		while ((c = in.read()) != '\n') {
			if (c < 0) {
				if (first && line.isEmpty()) {
					throw new EOFException("The server closed the connection");
				}
				throw new IOException("The connection closed inside a response");
			}
			if (c != '\r') {
				line.append((char) c);
			}
		}
		return line.toString();
	}

	/** A response: status and the whole body. */
	record Response(int status, byte[] body, boolean closes) {

		String text() {
			return new String(this.body, StandardCharsets.UTF_8);
		}

	}

	private record Connection(Socket socket, InputStream in, OutputStream out, int epoch) {
	}

}
