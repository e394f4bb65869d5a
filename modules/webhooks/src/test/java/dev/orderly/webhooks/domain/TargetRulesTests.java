package dev.orderly.webhooks.domain;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which targets a webhook may be posted to: every refused address class, and what the development setting allows. */
class TargetRulesTests {

	final TargetRules strict = new TargetRules(false);

	final TargetRules development = new TargetRules(true);

	@ParameterizedTest(name = "{0} is refused as {1}")
	@CsvSource({
			"https://127.0.0.1/hook, loopback", "https://127.1.2.3/hook, loopback", "https://[::1]/hook, loopback",
			"https://localhost/hook, loopback", "https://10.1.2.3/hook, private", "https://172.16.0.1/hook, private",
			"https://192.168.1.1/hook, private", "https://[fd12:3456::1]/hook, private",
			"https://169.254.10.1/hook, link-local", "https://[fe80::1]/hook, link-local",
			"https://224.0.0.1/hook, multicast", "https://[ff02::1]/hook, multicast",
			"https://0.0.0.0/hook, unspecified", "https://[::]/hook, unspecified",
			"https://169.254.169.254/latest/meta-data, metadata", "https://[fd00:ec2::254]/hook, metadata",
			"https://100.64.0.1/hook, reserved", "https://[::ffff:10.0.0.1]/hook, private",
			"https://[64:ff9b::7f00:1]/hook, loopback", "https://255.255.255.255/hook, reserved" })
	void refusesTargetsThatAreNotPublic(String url, String kind) {
		assertThatThrownBy(() -> strict.check(url)).isInstanceOf(TargetNotAllowed.class).hasMessageContaining(kind);
	}

	@Test
	void refusesAHostnameThatResolvesToLoopback() throws UnknownHostException {
		assertThat(InetAddress.getAllByName("localhost")).allMatch(InetAddress::isLoopbackAddress);
		assertThatThrownBy(() -> strict.check("https://localhost:8443/hook")).isInstanceOf(TargetNotAllowed.class)
			.hasMessageContaining("loopback");
	}

	@Test
	void refusesANameWhenAnyOfItsAddressesIsNotPublic() {
		TargetRules rules = new TargetRules(false, host -> List.of(address("93.184.216.34"), address("10.0.0.7")));
		assertThatThrownBy(() -> rules.check("https://partner.example.com/hook")).isInstanceOf(TargetNotAllowed.class)
			.hasMessageContaining("private");
	}

	@Test
	void refusesANameThatDoesNotResolve() {
		TargetRules rules = new TargetRules(false, host -> List.of());
		assertThatThrownBy(() -> rules.check("https://nowhere.example/hook")).isInstanceOf(TargetNotAllowed.class)
			.hasMessageContaining("does not resolve");
	}

	@Test
	void allowsHttpsToPublicAddresses() {
		assertThat(strict.check("https://93.184.216.34/hook").getHost()).isEqualTo("93.184.216.34");
		assertThat(strict.check("https://[2606:2800:220:1::1]/hook")).isNotNull();
		TargetRules rules = new TargetRules(false, host -> List.of(address("93.184.216.34")));
		assertThat(rules.check("https://partner.example.com:8443/orderly?x=1").getPort()).isEqualTo(8443);
	}

	@ParameterizedTest
	@ValueSource(strings = { "http://93.184.216.34/hook", "ftp://93.184.216.34/hook", "/relative", "not a url",
			"https://user:pass@93.184.216.34/hook", "https://93.184.216.34/hook#part", "https:///nohost", "" })
	void refusesUrlsThatAreNotPlainHttps(String url) {
		assertThatThrownBy(() -> strict.check(url)).isInstanceOf(TargetNotAllowed.class);
	}

	@Test
	void developmentSettingAllowsHttpLoopbackAndPrivateButNeverMetadataMulticastOrUnspecified() {
		assertThat(development.check("http://127.0.0.1:9000/hook")).isNotNull();
		assertThat(development.check("http://localhost:9000/hook")).isNotNull();
		assertThat(development.check("http://192.168.1.20/hook")).isNotNull();
		for (String url : List.of("http://169.254.169.254/latest", "http://[fd00:ec2::254]/", "http://224.0.0.1/",
				"http://0.0.0.0/")) {
			assertThatThrownBy(() -> development.check(url)).as(url).isInstanceOf(TargetNotAllowed.class);
		}
	}

	private static InetAddress address(String literal) {
		try {
			return InetAddress.getByName(literal);
		}
		catch (UnknownHostException ex) {
			throw new IllegalArgumentException(ex);
		}
	}
}
