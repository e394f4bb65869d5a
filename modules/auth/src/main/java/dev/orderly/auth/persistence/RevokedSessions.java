package dev.orderly.auth.persistence;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import dev.orderly.auth.AuthConfiguration;
import dev.orderly.auth.AuthProperties;

/**
 * Sessions (refresh token families) ended before their access tokens expired — logout, reuse of a
 * rotated refresh token, password change or reset, role change, deletion — as every instance knows
 * them. An access token names its session ({@code sid}); the token validation path asks
 * {@link #isRevoked} (a map lookup, no database round trip), so a revocation bites:
 * <ul>
 * <li>on the instance that revoked, as soon as its transaction commits (before the response);</li>
 * <li>on every other instance within {@code orderly.auth.revocation-refresh-interval} (500 ms) plus one
 * query, as each instance re-reads the recent revocations from {@code auth.revoked_sessions}.</li>
 * </ul>
 * A revocation matters only while the session's access tokens live, so rows and entries older than
 * the access token lifetime (plus the validators' clock skew) are forgotten. See ADR 0015.
 * <p>
 * The refresh runs on a thread of its own ({@link AuthConfiguration#revocationRefresh}).
 */
@Component
public class RevokedSessions {

	private static final Logger log = LoggerFactory.getLogger(RevokedSessions.class);

	/** Tokens are accepted up to this long after {@code exp} (Spring's default clock skew). */
	private static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

	/**
	 * How far back a regular refresh reads. Far longer than any revoking transaction takes, so a row
	 * whose transaction started before one refresh and committed after it is still read by the next.
	 */
	private static final Duration OVERLAP = Duration.ofSeconds(30);

	private final JdbcClient jdbc;

	/** How long a revocation is remembered: as long as an access token issued before it may live. */
	private final Duration remembered;

	/** Revoked session → when this instance may forget it (milliseconds since the epoch). */
	private final Map<UUID, Long> revoked = new ConcurrentHashMap<>();

	/** When the last refresh succeeded ({@link System#nanoTime()}), 0 before the first. */
	private volatile long lastRefreshed;

	RevokedSessions(JdbcClient jdbc, AuthProperties properties) {
		this.jdbc = jdbc;
		this.remembered = properties.accessTokenTtl().plus(CLOCK_SKEW);
		refresh();
	}

	/** Whether the access tokens of this session must be refused. */
	public boolean isRevoked(UUID sessionId) {
		return revoked.containsKey(sessionId);
	}

	/**
	 * Records, in the caller's transaction, that these sessions of {@code userId} are over; this
	 * instance refuses their access tokens as soon as the transaction commits (at once without one).
	 */
	public void revoke(UUID userId, Collection<UUID> sessionIds) {
		if (sessionIds.isEmpty()) {
			return;
		}
		List<UUID> sorted = sessionIds.stream().distinct().sorted().toList();
		jdbc.sql("""
				INSERT INTO auth.revoked_sessions (session_id, user_id)
				SELECT unnest(:ids::uuid[]), :user
				ON CONFLICT (session_id) DO NOTHING""")
			.param("ids", sorted.toArray(UUID[]::new))
			.param("user", userId)
			.update();
		Runnable remember = () -> {
			long forgetAt = System.currentTimeMillis() + remembered.toMillis();
			sorted.forEach(id -> revoked.put(id, forgetAt));
		};
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					remember.run();
				}
			});
		}
		else {
			remember.run();
		}
	}

	/**
	 * Learns the revocations of every instance. Reads the last {@link #OVERLAP} normally, the whole
	 * remembered window on start-up and after refreshes failed for that long (a database outage),
	 * so that no revocation is missed. Times are the database's, so instances' clocks do not matter.
	 */
	public void refresh() {
		long started = System.nanoTime();
		boolean recent = lastRefreshed != 0 && Duration.ofNanos(started - lastRefreshed).compareTo(OVERLAP.minusSeconds(5)) < 0;
		Duration window = recent ? OVERLAP : remembered;
		try {
			jdbc.sql("""
					SELECT session_id, extract(epoch FROM revoked_at) * 1000 AS revoked_ms FROM auth.revoked_sessions
					WHERE revoked_at > now() - make_interval(secs => :seconds)""")
				.param("seconds", window.toSeconds())
				.query(rs -> {
					long forgetAt = rs.getLong("revoked_ms") + remembered.toMillis();
					revoked.merge(rs.getObject("session_id", UUID.class), forgetAt, Math::max);
				});
			lastRefreshed = started;
		}
		catch (DataAccessException ex) {
			// Keep what we know; the next refresh that works reads the whole window again.
			log.warn("Could not refresh the revoked sessions: {}", ex.getMostSpecificCause().getMessage());
		}
		long now = System.currentTimeMillis();
		revoked.values().removeIf(forgetAt -> forgetAt < now);
	}

	/** Deletes revocations no access token can need any more (any instance may; idempotent). */
	@Scheduled(fixedDelayString = "PT5M", initialDelayString = "PT1M")
	void prune() {
		try {
			jdbc.sql("DELETE FROM auth.revoked_sessions WHERE revoked_at < now() - make_interval(secs => :seconds)")
				.param("seconds", remembered.toSeconds())
				.update();
		}
		catch (DataAccessException ex) {
			log.warn("Could not prune the revoked sessions: {}", ex.getMostSpecificCause().getMessage());
		}
	}
}
