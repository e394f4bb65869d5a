package dev.orderly.platform.security;

import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * The character checks of Spring Security's {@link StrictHttpFirewall} for header names, header
 * values and parameter names, with the same result as its regular expressions
 * ({@code [\p{IsAssigned}&&[^\p{IsControl}]]*}, for header values also a tab) but without running
 * one: the firewall checks every header the application reads, on every request, and the
 * expressions were 2.7 % of the CPU of a {@code GET /orders/{id}} (docs/performance.md).
 * {@code FirewallCharactersTests} holds both to the same answer for every code point.
 */
final class FirewallCharacters {

	private FirewallCharacters() {
	}

	/** {@code [\p{IsAssigned}&&[^\p{IsControl}]]*}: header and parameter names. */
	static boolean assignedAndNotControl(String text) {
		return allAllowed(text, false);
	}

	/** {@code [\p{IsAssigned}&&[[^\p{IsControl}]||\t]]*}: header values. */
	static boolean assignedAndNotControlOrTab(String text) {
		return allAllowed(text, true);
	}

	/** Spring Security's strict firewall with these checks in place of its expressions. */
	static StrictHttpFirewall strictFirewall() {
		StrictHttpFirewall firewall = new StrictHttpFirewall();
		firewall.setAllowedHeaderNames(FirewallCharacters::assignedAndNotControl);
		firewall.setAllowedHeaderValues(FirewallCharacters::assignedAndNotControlOrTab);
		firewall.setAllowedParameterNames(FirewallCharacters::assignedAndNotControl);
		return firewall;
	}

	private static boolean allAllowed(String text, boolean tab) {
		for (int i = 0; i < text.length();) {
			int codePoint = text.codePointAt(i);
			int type = Character.getType(codePoint);
			if (type == Character.UNASSIGNED || (type == Character.CONTROL && !(tab && codePoint == '\t'))) {
				return false;
			}
			i += Character.charCount(codePoint);
		}
		return true;
	}
}
