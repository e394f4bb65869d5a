package dev.orderly.users.api;

/**
 * A password that the password policy refuses: too short, too long, too common, the account's own
 * email, or the same as the current one. Says which password of the request it was and which rule
 * it broke, so that the caller can tell the user what to change. Never carries the password.
 */
public class WeakPassword extends RuntimeException {

	private final String field;

	private final String issue;

	/**
	 * @param field the input that carried the password ({@code password}, {@code newPassword})
	 * @param issue the rule it broke, as a short word ({@code too_short}, {@code too_common}, …)
	 * @param message what the user should change, in a sentence
	 */
	public WeakPassword(String field, String issue, String message) {
		super(message, null, false, false);
		this.field = field;
		this.issue = issue;
	}

	/** The input that carried the password ({@code password}, {@code newPassword}). */
	public String field() {
		return field;
	}

	/**
	 * The rule the password broke: {@code required}, {@code too_short}, {@code too_long},
	 * {@code too_common}, {@code same_as_email} or {@code same_as_current}.
	 */
	public String issue() {
		return issue;
	}
}
