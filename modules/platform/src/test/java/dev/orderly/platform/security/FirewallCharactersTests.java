package dev.orderly.platform.security;

import java.util.Collections;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.web.firewall.RequestRejectedException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link FirewallCharacters} answers exactly like the regular expressions of Spring Security's
 * {@code StrictHttpFirewall} it replaces, for every code point and for broken UTF-16.
 */
class FirewallCharactersTests {

	/** StrictHttpFirewall's own expressions (Spring Security 7). */
	static final Pattern NAMES = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");

	static final Pattern VALUES = Pattern.compile("[\\p{IsAssigned}&&[[^\\p{IsControl}]||\\t]]*");

	@Test
	void agreesWithTheFirewallsExpressionsOnEveryCodePoint() {
		int checked = 0;
		for (int codePoint = 0; codePoint <= Character.MAX_CODE_POINT; codePoint++) {
			String text = "a" + Character.toString(codePoint) + "b";
			assertThat(FirewallCharacters.assignedAndNotControl(text)).as("U+%04X in a name", codePoint)
				.isEqualTo(NAMES.matcher(text).matches());
			assertThat(FirewallCharacters.assignedAndNotControlOrTab(text)).as("U+%04X in a value", codePoint)
				.isEqualTo(VALUES.matcher(text).matches());
			checked++;
		}
		assertThat(checked).isEqualTo(Character.MAX_CODE_POINT + 1);
	}

	@Test
	void agreesOnBrokenSurrogatesEmptyTextAndMixtures() {
		for (String text : new String[] { "", "\uD800", "x\uDC00", "\uDBFF\uDFFF", "Bearer abc.def-ghi_",
				"tab\there", "line\nbreak", "\u0085", "\u00A0nbsp", "\u200Bzero-width", "\uFFFF", "é€😀" }) {
			assertThat(FirewallCharacters.assignedAndNotControl(text)).as(text).isEqualTo(NAMES.matcher(text).matches());
			assertThat(FirewallCharacters.assignedAndNotControlOrTab(text)).as(text)
				.isEqualTo(VALUES.matcher(text).matches());
		}
	}

	@Test
	void theFirewallStillRefusesControlCharactersInHeadersAndParameterNames() {
		MockHttpServletRequest request = ordersRequest();
		request.addHeader("X-Note", "a\u0007b");
		request.addParameter("na\u0000me", "v");
		HttpServletRequest firewalled = firewalled(request);

		assertThatExceptionOfType(RequestRejectedException.class).isThrownBy(() -> firewalled.getHeader("X-Note"));
		assertThatExceptionOfType(RequestRejectedException.class).isThrownBy(firewalled::getParameterMap);
	}

	@Test
	void theFirewallAcceptsATabInAHeaderValueButNotInItsName() {
		MockHttpServletRequest request = ordersRequest();
		request.addHeader("X-Note", "a\tb");
		request.addHeader("X-\tBad", "v");
		HttpServletRequest firewalled = firewalled(request);

		assertThat(firewalled.getHeader("X-Note")).isEqualTo("a\tb");
		assertThatExceptionOfType(RequestRejectedException.class)
			.isThrownBy(() -> Collections.list(firewalled.getHeaderNames()));
	}

	private static MockHttpServletRequest ordersRequest() {
		return new MockHttpServletRequest("GET", "/api/v1/orders");
	}

	private static HttpServletRequest firewalled(MockHttpServletRequest request) {
		return FirewallCharacters.strictFirewall().getFirewalledRequest(request);
	}
}
