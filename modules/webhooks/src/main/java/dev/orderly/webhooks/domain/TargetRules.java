package dev.orderly.webhooks.domain;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Which URLs a webhook may be posted to (protection against server-side request forgery). Checked
 * when an endpoint is registered or changed, and again before every attempt, because what a name
 * resolves to can change.
 * <ul>
 * <li>An absolute {@code https} URL with a host, without user info or fragment, at most 2048
 * characters.</li>
 * <li>Every address the host resolves to is public: not loopback, private (RFC 1918, unique local
 * {@code fc00::/7}), shared (100.64/10), link-local, multicast, unspecified, broadcast, reserved,
 * documentation or benchmarking space, and not a cloud metadata address (169.254.169.254,
 * {@code fd00:ec2::254}); IPv4 inside IPv6 (mapped, compatible, NAT64, 6to4) is judged as IPv4.</li>
 * <li>With {@code allowPrivateTargets} (development and tests only; refused under a {@code prod}
 * profile) also {@code http} and loopback or private addresses; multicast, unspecified and metadata
 * addresses stay refused.</li>
 * </ul>
 * A name that does not resolve is refused. The check and the connection resolve separately, so a
 * name whose DNS answer changes between the two in the same instant is not caught (see ADR 0037).
 */
public final class TargetRules {

	public static final int MAX_URL_LENGTH = 2048;

	private final boolean allowPrivateTargets;

	private final Function<String, List<InetAddress>> resolver;

	public TargetRules(boolean allowPrivateTargets) {
		this(allowPrivateTargets, TargetRules::resolve);
	}

	TargetRules(boolean allowPrivateTargets, Function<String, List<InetAddress>> resolver) {
		this.allowPrivateTargets = allowPrivateTargets;
		this.resolver = resolver;
	}

	public boolean allowsPrivateTargets() {
		return allowPrivateTargets;
	}

	/**
	 * The URL as a URI if it may be called now.
	 * @throws TargetNotAllowed saying why not
	 */
	public URI check(String url) {
		URI uri = parse(url);
		List<InetAddress> addresses = resolver.apply(uri.getHost());
		if (addresses.isEmpty()) {
			throw new TargetNotAllowed("The url's host does not resolve");
		}
		for (InetAddress address : addresses) {
			String refusal = refusal(address);
			if (refusal != null) {
				throw new TargetNotAllowed("The url's host resolves to " + refusal + " address, which is not allowed");
			}
		}
		return uri;
	}

	/** The URL's form alone, without resolving it. */
	public URI parse(String url) {
		if (url == null || url.isBlank() || url.length() > MAX_URL_LENGTH) {
			throw new TargetNotAllowed("url must be an absolute https URL of at most " + MAX_URL_LENGTH + " characters");
		}
		URI uri;
		try {
			uri = new URI(url);
		}
		catch (URISyntaxException ex) {
			throw new TargetNotAllowed("url is not a valid URL");
		}
		String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
		boolean schemeAllowed = scheme.equals("https") || (allowPrivateTargets && scheme.equals("http"));
		if (!uri.isAbsolute() || !schemeAllowed) {
			throw new TargetNotAllowed(allowPrivateTargets ? "url must be an http or https URL"
					: "url must be an https URL");
		}
		if (uri.getHost() == null || uri.getHost().isEmpty()) {
			throw new TargetNotAllowed("url must name a host");
		}
		if (uri.getRawUserInfo() != null) {
			throw new TargetNotAllowed("url must not contain credentials");
		}
		if (uri.getRawFragment() != null) {
			throw new TargetNotAllowed("url must not contain a fragment");
		}
		return uri;
	}

	/** Why {@code address} may not be called (an article and an adjective), or {@code null} if it may. */
	String refusal(InetAddress address) {
		if (isMetadata(address)) {
			return "a cloud metadata";
		}
		if (address.isAnyLocalAddress()) {
			return "an unspecified";
		}
		if (address.isMulticastAddress()) {
			return "a multicast";
		}
		if (address instanceof Inet6Address v6) {
			Inet4Address embedded = embeddedIpv4(v6);
			if (embedded != null) {
				return refusal(embedded);
			}
		}
		if (allowPrivateTargets) {
			return null;
		}
		if (address.isLoopbackAddress()) {
			return "a loopback";
		}
		if (address.isLinkLocalAddress()) {
			return "a link-local";
		}
		if (address.isSiteLocalAddress() || isUniqueLocal(address)) {
			return "a private";
		}
		if (isReserved(address)) {
			return "a reserved";
		}
		return null;
	}

	private static boolean isMetadata(InetAddress address) {
		byte[] b = address.getAddress();
		if (b.length == 4) {
			return (b[0] & 0xff) == 169 && (b[1] & 0xff) == 254 && (b[2] & 0xff) == 169 && (b[3] & 0xff) == 254;
		}
		// fd00:ec2::254 (AWS over IPv6)
		return b.length == 16 && (b[0] & 0xff) == 0xfd && b[1] == 0 && (b[2] & 0xff) == 0x0e && (b[3] & 0xff) == 0xc2
				&& allZero(b, 4, 14) && b[14] == 0x02 && b[15] == 0x54;
	}

	private static boolean isUniqueLocal(InetAddress address) {
		byte[] b = address.getAddress();
		return b.length == 16 && (b[0] & 0xfe) == 0xfc;
	}

	/** Ranges that are not public and that Java's predicates do not name. */
	private static boolean isReserved(InetAddress address) {
		byte[] b = address.getAddress();
		int a0 = b[0] & 0xff;
		int a1 = b[1] & 0xff;
		if (b.length == 4) {
			return a0 == 0 // "this network"
					|| (a0 == 100 && (a1 & 0xc0) == 64) // shared address space 100.64.0.0/10
					|| (a0 == 192 && a1 == 0 && (b[2] & 0xff) == 0) // IETF protocol assignments 192.0.0.0/24
					|| (a0 == 192 && a1 == 0 && (b[2] & 0xff) == 2) // TEST-NET-1
					|| (a0 == 198 && (a1 & 0xfe) == 18) // benchmarking 198.18.0.0/15
					|| (a0 == 198 && a1 == 51 && (b[2] & 0xff) == 100) // TEST-NET-2
					|| (a0 == 203 && a1 == 0 && (b[2] & 0xff) == 113) // TEST-NET-3
					|| a0 >= 240; // reserved 240.0.0.0/4 and broadcast
		}
		return (a0 == 0x20 && a1 == 0x01 && (b[2] & 0xff) == 0x0d && (b[3] & 0xff) == 0xb8) // documentation 2001:db8::/32
				|| (a0 == 0x01 && a1 == 0x00 && allZero(b, 2, 8)) // discard-only 100::/64
				|| a0 == 0; // the rest of ::/8 (IPv4-compatible addresses are judged as IPv4 above)
	}

	/** The IPv4 address inside an IPv4-mapped, -compatible, NAT64 (64:ff9b::/96) or 6to4 (2002::/16) address. */
	private static Inet4Address embeddedIpv4(Inet6Address v6) {
		byte[] b = v6.getAddress();
		try {
			boolean mappedOrCompatible = allZero(b, 0, 10) && ((b[10] == 0 && b[11] == 0) || (b[10] == -1 && b[11] == -1))
					&& !(allZero(b, 10, 15) && (b[15] == 0 || b[15] == 1));
			boolean nat64 = b[0] == 0 && b[1] == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b
					&& allZero(b, 4, 12);
			if (mappedOrCompatible || nat64) {
				return (Inet4Address) InetAddress.getByAddress(new byte[] { b[12], b[13], b[14], b[15] });
			}
			if (b[0] == 0x20 && b[1] == 0x02) {
				return (Inet4Address) InetAddress.getByAddress(new byte[] { b[2], b[3], b[4], b[5] });
			}
		}
		catch (UnknownHostException ex) {
			throw new IllegalStateException(ex); // four bytes are always an address
		}
		return null;
	}

	private static boolean allZero(byte[] bytes, int from, int to) {
		for (int i = from; i < to; i++) {
			if (bytes[i] != 0) {
				return false;
			}
		}
		return true;
	}

	private static List<InetAddress> resolve(String host) {
		String name = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
		try {
			return List.of(InetAddress.getAllByName(name));
		}
		catch (UnknownHostException ex) {
			return List.of();
		}
	}
}
