package dev.orderly.platform;

import java.util.UUID;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;

/**
 * Time-ordered identifiers (UUID version 7, RFC 9562): they sort by creation time, so new rows
 * land at the right-hand edge of B-tree indexes and ids reveal nothing but a timestamp.
 */
public final class Ids {

	private static final TimeBasedEpochGenerator GENERATOR = Generators.timeBasedEpochGenerator();

	private Ids() {
	}

	/** A new, unique, time-ordered id. */
	public static UUID next() {
		return GENERATOR.generate();
	}
}
