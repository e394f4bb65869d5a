package dev.orderly.auth.application;

/**
 * A password reset was asked for this email, known or not; auth's own event, never published beyond
 * the module ({@link PasswordResets}). Its {@code toString} leaves the address out of any log line.
 *
 * @param email the address as the request gave it
 */
record PasswordResetAsked(String email) {

	@Override
	public String toString() {
		return "PasswordResetAsked[email=…]";
	}
}
