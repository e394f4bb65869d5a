package dev.orderly.platform;

/**
 * The application module a class belongs to, by package: {@code dev.orderly.<module>…}; classes of
 * the composition root ({@code dev.orderly} itself) belong to {@code app}. It names the module in
 * spans and log lines (docs/adr/0023), under the same keys whoever observes: the application's
 * listener and request instrumentation, and a module's own spans (the email send).
 */
public final class Modules {

	/** The MDC key of the module on log lines. */
	public static final String MDC_KEY = "module";

	/** The span attribute and low-cardinality key of the module. */
	public static final String KEY = "orderly.module";

	private static final String ROOT = "dev.orderly.";

	private Modules() {
	}

	public static String of(Class<?> type) {
		String name = type.getName();
		if (!name.startsWith(ROOT)) {
			return "app";
		}
		int end = name.indexOf('.', ROOT.length());
		return end < 0 ? "app" : name.substring(ROOT.length(), end);
	}
}
