package dev.orderly.platform;

import java.time.Duration;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;

/**
 * One SQL snapshot of a backlog (how many rows wait, how old the oldest is) shared by the gauges
 * that read it: a Prometheus scrape reads several gauges in a row, and they cost one query, at most
 * once per {@code maxAge}. While the database is unreachable the gauges read {@code NaN} (no value,
 * rather than a stale or made-up one) and one line is logged until it answers again.
 *
 * @param <T> the snapshot (a record of the query's columns)
 */
public final class BacklogGauges<T> {

	private static final Logger LOG = LoggerFactory.getLogger(BacklogGauges.class);

	private final String name;

	private final Supplier<T> query;

	private final long maxAgeNanos;

	private T snapshot;

	private long takenAt;

	private boolean failing;

	/**
	 * @param name what the snapshot is of, for the log line when it cannot be taken
	 * @param query the query (one round trip)
	 * @param maxAge how long a snapshot is reused
	 */
	public BacklogGauges(String name, Supplier<T> query, Duration maxAge) {
		this.name = name;
		this.query = query;
		this.maxAgeNanos = maxAge.toNanos();
	}

	/** The gauge function reading {@code value} from the current snapshot ({@code NaN} without one). */
	public <S> ToDoubleFunction<S> reading(ToDoubleFunction<T> value) {
		return ignored -> {
			T current = current();
			return current == null ? Double.NaN : value.applyAsDouble(current);
		};
	}

	private synchronized T current() {
		long now = System.nanoTime();
		if (snapshot != null && now - takenAt < maxAgeNanos) {
			return snapshot;
		}
		try {
			snapshot = query.get();
			takenAt = now;
			failing = false;
			return snapshot;
		}
		catch (DataAccessException ex) {
			if (!failing) {
				LOG.warn("Backlog metrics of {} unavailable: {}", name, ex.getClass().getSimpleName());
				failing = true;
			}
			snapshot = null;
			return null;
		}
	}
}
