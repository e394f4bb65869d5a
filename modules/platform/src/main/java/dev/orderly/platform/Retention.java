package dev.orderly.platform;

import java.time.Duration;
import java.util.function.IntUnaryOperator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes what a table no longer needs in bounded batches (docs/ops/README.md, "Data retention"): each
 * batch is one short statement of its own (its own transaction, at most {@code batchSize} rows locked,
 * {@code FOR UPDATE SKIP LOCKED} in the table owner's SQL so that it never waits for a row in use), one
 * batch after another until a batch comes back short, at most {@link #MAX_BATCHES} per run (the next run
 * goes on). Logs {@code retention.purged} with the table, the rows and the time it took when it deleted
 * any.
 */
public final class Retention {

	/** Batches of one run: with the default 1,000 rows, at most 100,000 rows an hour and table. */
	public static final int MAX_BATCHES = 100;

	private static final Logger LOG = LoggerFactory.getLogger(Retention.class);

	private Retention() {
	}

	/**
	 * @param table the table, for the log line
	 * @param batchSize the largest batch
	 * @param deleteBatch deletes at most its argument rows, returns how many it deleted
	 * @return the rows deleted
	 */
	public static int purge(String table, int batchSize, IntUnaryOperator deleteBatch) {
		long started = System.nanoTime();
		int total = 0;
		for (int batch = 0; batch < MAX_BATCHES; batch++) {
			int deleted = deleteBatch.applyAsInt(batchSize);
			total += deleted;
			if (deleted < batchSize) {
				break;
			}
		}
		if (total > 0) {
			long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
			LOG.atInfo().setMessage("retention.purged")
				.addKeyValue("table", table)
				.addKeyValue("rows", total)
				.addKeyValue("durationMs", millis)
				.log();
		}
		return total;
	}
}
