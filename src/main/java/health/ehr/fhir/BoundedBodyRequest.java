package health.ehr.fhir;

import java.io.IOException;

import ca.uhn.fhir.rest.server.exceptions.PayloadTooLargeException;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

/**
 * A request whose body may be read only up to a limit: a declared length above it, or more bytes than it
 * arriving, fails with HAPI's {@link PayloadTooLargeException} (413, rendered as an OperationOutcome)
 * before anything is parsed or stored.
 */
final class BoundedBodyRequest extends HttpServletRequestWrapper {

	private final long limit;

	BoundedBodyRequest(HttpServletRequest request, long limit) {
		super(request);
		this.limit = limit;
	}

	@Override
	public ServletInputStream getInputStream() throws IOException {
		if (getContentLengthLong() > this.limit) {
			throw tooLarge();
		}
		return new BoundedStream(super.getInputStream());
	}

	private PayloadTooLargeException tooLarge() {
		return new PayloadTooLargeException("The request body is larger than this server accepts (" + this.limit
				+ " bytes)");
	}

	private final class BoundedStream extends ServletInputStream {

		private final ServletInputStream delegate;

		private long read;

		BoundedStream(ServletInputStream delegate) {
			this.delegate = delegate;
		}

		@Override
		public int read() throws IOException {
			int b = this.delegate.read();
			if (b >= 0) {
				count(1);
			}
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			int n = this.delegate.read(buffer, offset, length);
			if (n > 0) {
				count(n);
			}
			return n;
		}

		private void count(int n) {
			this.read += n;
			if (this.read > BoundedBodyRequest.this.limit) {
				throw tooLarge();
			}
		}

		@Override
		public boolean isFinished() {
			return this.delegate.isFinished();
		}

		@Override
		public boolean isReady() {
			return this.delegate.isReady();
		}

		@Override
		public void setReadListener(ReadListener listener) {
			this.delegate.setReadListener(listener);
		}

	}

}
