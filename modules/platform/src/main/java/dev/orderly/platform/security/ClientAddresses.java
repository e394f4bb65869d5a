package dev.orderly.platform.security;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.web.util.matcher.IpAddressMatcher;

/**
 * The address of the client behind a request. {@code X-Forwarded-For} is believed only when the
 * TCP peer is a configured trusted proxy, and then only as far as the chain of trusted proxies
 * goes: the client is the right-most address that is not a trusted proxy. Anyone can write the
 * header, so without a trusted proxy it is ignored.
 */
public final class ClientAddresses {

	static final String FORWARDED_FOR = "X-Forwarded-For";

	private final List<IpAddressMatcher> trustedProxies;

	public ClientAddresses(List<String> trustedProxies) {
		this.trustedProxies = trustedProxies.stream().map(String::trim).filter(s -> !s.isEmpty())
			.map(IpAddressMatcher::new).toList();
	}

	public String of(HttpServletRequest request) {
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

	/**
	 * IPv4 dotted quads and IPv6 literals only: never anything that would need a DNS lookup. A
	 * character scan, not a regular expression: it runs on every request behind a proxy.
	 */
	static boolean isIpLiteral(String address) {
		return address != null && address.length() <= 45 && (isIpv4(address) || isIpv6(address));
	}

	/** Four decimal octets 0-255 without leading zeros, separated by dots. */
	private static boolean isIpv4(String address) {
		int octets = 0;
		int i = 0;
		int length = address.length();
		while (i < length) {
			int start = i;
			int value = 0;
			while (i < length && address.charAt(i) >= '0' && address.charAt(i) <= '9' && i - start < 3) {
				value = value * 10 + (address.charAt(i) - '0');
				i++;
			}
			int digits = i - start;
			if (digits == 0 || value > 255 || (digits > 1 && address.charAt(start) == '0')) {
				return false;
			}
			octets++;
			if (i == length) {
				return octets == 4;
			}
			if (address.charAt(i) != '.' || octets == 4) {
				return false;
			}
			i++;
		}
		return false;
	}

	/** Hex digits, colons and dots (an embedded IPv4 tail), with at least one colon. */
	private static boolean isIpv6(String address) {
		boolean colon = false;
		for (int i = 0; i < address.length(); i++) {
			char c = address.charAt(i);
			if (c == ':') {
				colon = true;
			}
			else if (!(c == '.' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
				return false;
			}
		}
		return colon;
	}
}
