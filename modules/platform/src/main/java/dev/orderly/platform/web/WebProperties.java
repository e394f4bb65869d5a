package dev.orderly.platform.web;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Web settings shared by every module ({@code orderly.web.*}).
 *
 * @param trustedProxies addresses or CIDR ranges of the reverse proxies / load balancers whose
 * {@code X-Forwarded-For} is believed; empty (the default) means the header is ignored and the
 * client is the TCP peer
 * @param cors the browser origins allowed to call the API; none by default
 * @param maxRequestSize the largest request body accepted (413 above it)
 */
@ConfigurationProperties("orderly.web")
public record WebProperties(List<String> trustedProxies, Cors cors, DataSize maxRequestSize) {

	public WebProperties {
		trustedProxies = nonBlank(trustedProxies);
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

	/** An empty environment variable binds as one blank entry: that means "none". */
	private static List<String> nonBlank(List<String> values) {
		return values == null ? List.of() : values.stream().map(String::trim).filter(v -> !v.isEmpty()).toList();
	}
}
