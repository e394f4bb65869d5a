package dev.orderly;

/**
 * The application module a class belongs to, by package: {@code dev.orderly.<module>…}; classes of
 * the composition root ({@code dev.orderly} itself) belong to {@code app}. It names the module in
 * spans and log lines (docs/adr/0023).
 */
final class Modules {

	static final String MDC_KEY = "module";

	static final String KEY = "orderly.module";

	private static final String ROOT = "dev.orderly.";

	private Modules() {
	}

	static String of(Class<?> type) {
		String name = type.getName();
		if (!name.startsWith(ROOT)) {
			return "app";
		}
		int end = name.indexOf('.', ROOT.length());
		return end < 0 ? "app" : name.substring(ROOT.length(), end);
	}
}
