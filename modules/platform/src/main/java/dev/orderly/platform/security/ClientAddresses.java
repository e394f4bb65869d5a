package dev.orderly.platform.security;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.web.util.matcher.IpAddressMatcher;

/**
 * The address of the client behind a request. {@code X-Forwarded-For} is believed only when the
 * TCP peer is a configured trusted proxy, and then only as far as the chain of trusted proxies
 * goes: the client is the right-most address that is not a trusted proxy. Anyone can write the
 * header, so without a trusted proxy it is ignored.
 */
final class ClientAddresses {

	static final String FORWARDED_FOR = "X-Forwarded-For";

	/** IPv4 dotted quads and IPv6 literals only: never anything that would need a DNS lookup. */
	private static final Pattern IPV4 = Pattern.compile(
			"((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");

	private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

	private final List<IpAddressMatcher> trustedProxies;

	ClientAddresses(List<String> trustedProxies) {
		this.trustedProxies = trustedProxies.stream().map(String::trim).filter(s -> !s.isEmpty())
			.map(IpAddressMatcher::new).toList();
	}

	String of(HttpServletRequest request) {
		String peer = request.getRemoteAddr();
		if (trustedProxies.isEmpty() || !isTrustedProxy(peer)) {
			return peer;
		}
		List<String> hops = new ArrayList<>();
		for (String header : Collections.list(request.getHeaders(FORWARDED_FOR))) {
			for (String hop : header.split(",")) {
				hops.add(hop.trim());
			}
		}
		String client = peer;
		for (int i = hops.size() - 1; i >= 0; i--) {
			String hop = hops.get(i);
			if (!isIpLiteral(hop)) {
				return client;
			}
			client = hop;
			if (!isTrustedProxy(hop)) {
				return hop;
			}
		}
		return client;
	}

	private boolean isTrustedProxy(String address) {
		if (!isIpLiteral(address)) {
			return false;
		}
		try {
			for (IpAddressMatcher proxy : trustedProxies) {
				if (proxy.matches(address)) {
					return true;
				}
			}
		}
		catch (IllegalArgumentException malformed) {
			return false;
		}
		return false;
	}

	static boolean isIpLiteral(String address) {
		return address != null && address.length() <= 45
				&& (IPV4.matcher(address).matches() || IPV6.matcher(address).matches());
	}
}
