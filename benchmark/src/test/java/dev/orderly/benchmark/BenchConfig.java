package dev.orderly.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Everything a simulation needs from {@code run.sh}, passed as environment variables (the Gatling
 * Maven plugin forks a JVM that inherits the environment).
 */
final class BenchConfig {

	/** Where the app (or the baseline) listens. */
	static final String BASE_URL = env("BENCH_BASE_URL", "http://127.0.0.1:8080");

	/** Closed model: this many virtual users, each looping for {@link #DURATION}. */
	static final int USERS = Integer.parseInt(env("BENCH_USERS", "16"));

	static final Duration DURATION = Duration.ofSeconds(Long.parseLong(env("BENCH_DURATION", "30")));

	/** The password every seeded user has (its hash was computed once by the app's own encoder). */
	static final String PASSWORD = env("BENCH_PASSWORD", "Bench-Passw0rd-Orderly!");

	/** Feeder files written by run.sh from the seeded database. */
	static final Path DATA_DIR = Path.of(env("BENCH_DATA_DIR", "target/bench-data"));

	/**
	 * Soak mode: the whole scenario's request rate is held at this many requests per second
	 * (Gatling's throttle; 0 = as fast as the users go).
	 */
	static final double RATE = Double.parseDouble(env("BENCH_RATE", "0"));

	/** Soak mode: where {@link Windows} writes its figures per window (none when blank). */
	static final String WINDOWS_FILE = env("BENCH_WINDOWS_FILE", "");

	static final Duration WINDOW = Duration.ofSeconds(Long.parseLong(env("BENCH_WINDOW_SECONDS", "300")));

	private BenchConfig() {
	}

	static String env(String name, String fallback) {
		String value = System.getenv(name);
		return value == null || value.isBlank() ? fallback : value;
	}

	static List<String> lines(String file) {
		try {
			List<String> lines = Files.readAllLines(DATA_DIR.resolve(file)).stream()
				.map(String::strip)
				.filter(line -> !line.isEmpty())
				.toList();
			if (lines.isEmpty()) {
				throw new IllegalStateException(DATA_DIR.resolve(file) + " is empty");
			}
			return lines;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("run benchmark/run.sh: it writes " + DATA_DIR.resolve(file), ex);
		}
	}

	/** The body of an order placement, Orderly's and the bare app's alike: two random skus. */
	static String orderBody(List<String> skus, Random random) {
		String first = skus.get(random.nextInt(skus.size()));
		String second = skus.get(random.nextInt(skus.size()));
		return """
				{"items":[{"sku":"%s","quantity":%d},{"sku":"%s","quantity":1}],
				 "shippingAddress":{"name":"Bench Shopper","line1":"1 Load Street","line2":null,
				   "city":"Berlin","region":null,"postalCode":"10115","country":"DE"},
				 "note":"benchmark"}""".formatted(first, 1 + random.nextInt(3), second);
	}

	/** An endless feeder that hands the values of {@code file} out in turn, under {@code key}. */
	static Iterator<Map<String, Object>> circular(String file, String key) {
		List<String> values = lines(file);
		AtomicInteger next = new AtomicInteger();
		return new Iterator<>() {
			@Override
			public boolean hasNext() {
				return true;
			}

			@Override
			public Map<String, Object> next() {
				return Map.of(key, values.get(Math.floorMod(next.getAndIncrement(), values.size())));
			}
		};
	}
}
