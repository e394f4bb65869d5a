package dev.orderly.platform.web;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Web settings shared by every module ({@code orderly.web.*}).
 *
 * @param trustedProxies addresses or CIDR ranges of the reverse proxies / load balancers whose
 * {@code X-Forwarded-For} is believed; empty (the default) means the header is ignored and the
 * client is the TCP peer. A range of every address ({@code 0.0.0.0/0}, {@code ::/0}) or nearly every one
 * is refused at start-up: it would let every client write its own address (docs/adr/0034)
 * @param cors the browser origins allowed to call the API; none by default
 * @param maxRequestSize the largest request body accepted (413 above it)
 */
@ConfigurationProperties("orderly.web")
public record WebProperties(List<String> trustedProxies, Cors cors, DataSize maxRequestSize) {

	public WebProperties {
		trustedProxies = nonBlank(trustedProxies);
		for (String proxy : trustedProxies) {
			refuseEveryAddress(proxy);
		}
		cors = cors == null ? new Cors(null) : cors;
		maxRequestSize = maxRequestSize == null ? DataSize.ofMegabytes(1) : maxRequestSize;
	}

	/**
	 * @param allowedOrigins exact origins such as {@code https://shop.example.com}; empty means no
	 * cross-origin browser call is allowed
	 */
	public record Cors(List<String> allowedOrigins) {

		public Cors {
			allowedOrigins = nonBlank(allowedOrigins);
		}
	}

	/**
	 * A range that holds every address ({@code /0}), or a large share of the internet (IPv4 shorter
	 * than {@code /8}, IPv6 shorter than {@code /7}, e.g. {@code 0.0.0.0/1} + {@code 128.0.0.0/1}):
	 * with it, any client that reaches the instance directly writes its own address into
	 * {@code X-Forwarded-For}, and every per-address rate limit falls. A proxy's own address or its
	 * private subnet ({@code 10.0.0.0/8}, {@code fc00::/7}, ...) is what belongs here.
	 */
	private static void refuseEveryAddress(String proxy) {
		int slash = proxy.indexOf('/');
		if (slash < 0) {
			return;
		}
		int prefix;
		try {
			prefix = Integer.parseInt(proxy.substring(slash + 1).trim());
		}
		catch (NumberFormatException notANumber) {
			throw new IllegalArgumentException("orderly.web.trusted-proxies (ORDERLY_TRUSTED_PROXIES): " + proxy
					+ " is not an address or a CIDR range");
		}
		boolean ipv6 = proxy.substring(0, slash).contains(":");
		if (prefix < (ipv6 ? 7 : 8)) {
			throw new IllegalArgumentException("orderly.web.trusted-proxies (ORDERLY_TRUSTED_PROXIES) must not contain "
					+ proxy + ": it trusts (nearly) every address, so any client could choose its own address and "
					+ "escape the rate limits; list only your reverse proxy's address or subnet (docs/adr/0034)");
		}
	}

	/** An empty environment variable binds as one blank entry: that means "none". */
	private static List<String> nonBlank(List<String> values) {
		return values == null ? List.of() : values.stream().map(String::trim).filter(v -> !v.isEmpty()).toList();
	}
}
