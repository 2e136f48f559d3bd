package health.ehr.auth.backend;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jose.jwk.JWKSet;
import com.sun.net.httpserver.HttpServer;

/** A JWK Set URL served by the test itself: what it serves, its Cache-Control and whether it is up. */
public final class TestJwksServer implements AutoCloseable {

	private final HttpServer server;

	private final AtomicInteger fetches = new AtomicInteger();

	private volatile String body = "{\"keys\":[]}";

	private volatile String cacheControl;

	private volatile int status = 200;

	public TestJwksServer() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/jwks.json", (exchange) -> {
			this.fetches.incrementAndGet();
			byte[] bytes = this.body.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			if (this.cacheControl != null) {
				exchange.getResponseHeaders().add("Cache-Control", this.cacheControl);
			}
			exchange.sendResponseHeaders(this.status, bytes.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(bytes);
			}
		});
		this.server.start();
	}

	public String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/jwks.json";
	}

	public void serve(JWKSet jwkSet) {
		this.body = jwkSet.toPublicJWKSet().toString();
	}

	public void serveRaw(String body) {
		this.body = body;
	}

	public void cacheControl(String cacheControl) {
		this.cacheControl = cacheControl;
	}

	public void status(int status) {
		this.status = status;
	}

	public int fetches() {
		return this.fetches.get();
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
