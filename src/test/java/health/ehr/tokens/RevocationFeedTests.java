package health.ehr.tokens;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import health.ehr.test.EhrServerTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The revocation feed on the application's database: grants and client cut-offs, late commits below the
 * highest sequence number seen, and events older than the longest token lifetime.
 */
@EhrServerTest
class RevocationFeedTests {

	@Autowired
	RevocationFeed feed;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TokensProperties properties;

	@Test
	void revocationOfWhenGrantRevokedThenRevoked() {
		String sid = UUID.randomUUID().toString();
		insertGrant(sid, Instant.now());

		this.feed.poll();

		assertThat(this.feed.revocationOf(Optional.of(sid), "app", Instant.now())).isPresent();
		assertThat(this.feed.revocationOf(Optional.of("other-" + sid), "app", Instant.now())).isEmpty();
	}

	@Test
	void revocationOfWhenClientCutOffThenOnlyEarlierTokensRevoked() {
		String client = "app-" + UUID.randomUUID();
		Instant cutoff = Instant.now();
		this.jdbc.sql("insert into revocation_event (client_id, issued_before, revoked_at, revoked_by) values (?, ?, ?, ?)")
			.params(client, Timestamp.from(cutoff), Timestamp.from(cutoff), "test")
			.update();

		this.feed.poll();

		assertThat(this.feed.revocationOf(Optional.empty(), client, cutoff.minusSeconds(1))).isPresent();
		assertThat(this.feed.revocationOf(Optional.empty(), client, cutoff.plusSeconds(1))).isEmpty();
	}

	@Test
	void pollWhenLowerSequenceCommitsLateThenStillSeen() {
		long highest = this.jdbc.sql("select coalesce(max(seq), 0) from revocation_event").query(Long.class).single();
		String late = UUID.randomUUID().toString();
		String early = UUID.randomUUID().toString();
		// seq highest+2 becomes visible first; highest+1 commits after the poll saw highest+2
		insertGrantWithSeq(highest + 1000, early);
		this.feed.poll();
		insertGrantWithSeq(highest + 999, late);

		this.feed.poll();

		assertThat(this.feed.revocationOf(Optional.of(late), "app", Instant.now())).isPresent();
		assertThat(this.feed.revocationOf(Optional.of(early), "app", Instant.now())).isPresent();
	}

	@Test
	void startWhenEventOlderThanLongestTokenLifetimeThenForgotten() {
		String old = UUID.randomUUID().toString();
		String recent = UUID.randomUUID().toString();
		insertGrant(old, Instant.now().minus(this.properties.maxAccessTokenLifetime()).minus(Duration.ofMinutes(1)));
		insertGrant(recent, Instant.now().minusSeconds(60));

		RevocationFeed fresh = new RevocationFeed(this.jdbc, this.properties);
		fresh.poll();

		assertThat(fresh.revocationOf(Optional.of(old), "app", Instant.now())).isEmpty();
		assertThat(fresh.revocationOf(Optional.of(recent), "app", Instant.now())).isPresent();
	}

	@Test
	void revocationOfWhenNeverPolledThenRefused() {
		RevocationFeed fresh = new RevocationFeed(this.jdbc, this.properties);

		assertThat(fresh.revocationOf(Optional.empty(), "app", Instant.now())).hasValueSatisfying(
				(reason) -> assertThat(reason).contains("cannot be checked"));
	}

	private void insertGrant(String sid, Instant revokedAt) {
		this.jdbc.sql("insert into revocation_event (authorization_id, revoked_at, revoked_by) values (?, ?, ?)")
			.params(sid, Timestamp.from(revokedAt), "test")
			.update();
	}

	private void insertGrantWithSeq(long seq, String sid) {
		this.jdbc.sql("insert into revocation_event (seq, authorization_id, revoked_at, revoked_by) values (?, ?, ?, ?)")
			.params(seq, sid, Timestamp.from(Instant.now()), "test")
			.update();
	}

}
