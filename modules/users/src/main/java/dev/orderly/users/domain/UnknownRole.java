package dev.orderly.users.domain;

/** A role that the users module does not know; the known ones are {@link User#KNOWN_ROLES}. */
public class UnknownRole extends RuntimeException {

	private final String role;

	UnknownRole(String role) {
		super("Unknown role " + role + "; known: USER, ADMIN", null, false, false);
		this.role = role;
	}

	String role() {
		return role;
	}
}
