package dev.orderly.platform.security;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;

class ClientAddressesTests {

	@Test
	void ignoresForwardedForWhenNoProxyIsTrusted() {
		ClientAddresses clients = new ClientAddresses(List.of());
		assertThat(clients.of(request("198.51.100.7", "203.0.113.1"))).isEqualTo("198.51.100.7");
	}

	@Test
	void ignoresForwardedForFromAPeerThatIsNotATrustedProxy() {
		ClientAddresses clients = new ClientAddresses(List.of("10.0.0.0/8"));
		assertThat(clients.of(request("198.51.100.7", "203.0.113.1"))).isEqualTo("198.51.100.7");
	}

	@Test
	void takesTheRightMostAddressThatIsNotATrustedProxy() {
		ClientAddresses clients = new ClientAddresses(List.of("10.0.0.0/8", "192.0.2.1"));
		// the client forged the first entry; 192.0.2.1 and 10.1.2.3 are our proxies
		assertThat(clients.of(request("10.1.2.3", "1.2.3.4, 203.0.113.9, 192.0.2.1"))).isEqualTo("203.0.113.9");
	}

	@Test
	void readsSeveralForwardedForHeaders() {
		ClientAddresses clients = new ClientAddresses(List.of("10.0.0.0/8"));
		MockHttpServletRequest request = request("10.0.0.1", "203.0.113.5");
		request.addHeader(ClientAddresses.FORWARDED_FOR, "10.0.0.2");
		assertThat(clients.of(request)).isEqualTo("203.0.113.5");
	}

	@Test
	void stopsAtAnEntryThatIsNotAnIpAddressAndNeverResolvesNames() {
		ClientAddresses clients = new ClientAddresses(List.of("10.0.0.0/8"));
		assertThat(clients.of(request("10.0.0.1", "evil.example.com, 10.0.0.9"))).isEqualTo("10.0.0.9");
		assertThat(clients.of(request("10.0.0.1", "999.1.1.1"))).isEqualTo("10.0.0.1");
	}

	@Test
	void understandsIpv6() {
		ClientAddresses clients = new ClientAddresses(List.of("::1", "fd00::/8"));
		assertThat(clients.of(request("::1", "2001:db8::1, fd00::5"))).isEqualTo("2001:db8::1");
	}

	@Test
	void fallsBackToThePeerWithoutAForwardedForHeader() {
		ClientAddresses clients = new ClientAddresses(List.of("10.0.0.0/8"));
		assertThat(clients.of(request("10.0.0.1", null))).isEqualTo("10.0.0.1");
	}

	@ParameterizedTest
	@ValueSource(strings = { "0.0.0.0", "192.0.2.1", "255.255.255.255", "10.0.0.10", "::1", "::", "2001:db8::1",
			"FD00::5", "::ffff:192.0.2.1", "2001:0db8:0000:0000:0000:ff00:0042:8329" })
	void recognisesIpLiterals(String address) {
		assertThat(ClientAddresses.isIpLiteral(address)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "1.2.3", "1.2.3.4.5", "256.1.1.1", "01.2.3.4", "1.2.3.", ".1.2.3", "1..2.3",
			"1.2.3.4a", "1234.1.1.1", "example.com", "localhost", "fe80::1%eth0", "2001:db8::g",
			"1:2:3:4:5:6:7:8:9:0:1:2:3:4:5:6:7:8:9:0:1:2:3:4" })
	void rejectsAnythingElse(String address) {
		assertThat(ClientAddresses.isIpLiteral(address)).isFalse();
	}

	private static MockHttpServletRequest request(String peer, String forwardedFor) {
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.setRemoteAddr(peer);
		if (forwardedFor != null) {
			request.addHeader(ClientAddresses.FORWARDED_FOR, forwardedFor);
		}
		return request;
	}
}
