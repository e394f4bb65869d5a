package dev.orderly.users.application;

import java.util.UUID;

import org.springframework.stereotype.Component;

import dev.orderly.platform.Actor;
import dev.orderly.platform.SecurityEvents;
import dev.orderly.users.domain.NotAllowed;
import dev.orderly.users.domain.UserNotFound;

/**
 * Who may do what with accounts: every such rule of the users module, in one place (ADR 0021). Use
 * cases ask it first, before they load anything.
 * <ul>
 * <li>An account's owner and administrators may read and change it (profile, password,
 * verification email, deletion); to anyone else it does not exist ({@link UserNotFound}, 404), so
 * nobody learns which ids exist.</li>
 * <li>Only administrators may list accounts and change roles; anyone else is refused
 * ({@link NotAllowed}, 403).</li>
 * <li>The system ({@link Actor#system()}: a listener, a job) acts with the application's own
 * authority and may do what an administrator may.</li>
 * </ul>
 * Not rules of this class, because they need no actor: anyone may register; whoever holds an email
 * verification token may verify that email (the token proves control of the mailbox); other modules
 * use {@link dev.orderly.users.api.UserAccounts} on their own authority. Business rules that hold for
 * every actor (the last administrator stays, see {@code Administrators}) live with the use cases.
 */
@Component
class UserPolicy {

	/** Whether {@code actor} may read and change the account {@code accountId}. */
	boolean mayManage(Actor actor, UUID accountId) {
		return isAdministrative(actor) || actor.is(accountId);
	}

	/** @throws UserNotFound when {@code actor} may not read or change the account */
	void checkMayManage(Actor actor, UUID accountId) {
		if (!mayManage(actor, accountId)) {
			SecurityEvents.hiddenAsNotFound("user", accountId, actor);
			throw new UserNotFound(accountId);
		}
	}

	boolean mayListAccounts(Actor actor) {
		return isAdministrative(actor);
	}

	/** @throws NotAllowed when {@code actor} may not list accounts */
	void checkMayListAccounts(Actor actor) {
		if (!mayListAccounts(actor)) {
			throw new NotAllowed("list accounts");
		}
	}

	boolean mayChangeRoles(Actor actor) {
		return isAdministrative(actor);
	}

	/** @throws NotAllowed when {@code actor} may not change roles */
	void checkMayChangeRoles(Actor actor) {
		if (!mayChangeRoles(actor)) {
			throw new NotAllowed("change roles");
		}
	}

	private static boolean isAdministrative(Actor actor) {
		return actor.isSystem() || actor.isAdmin();
	}
}
