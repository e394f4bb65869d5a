package dev.orderly.users.application;

import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.orderly.platform.Actor;
import dev.orderly.platform.paging.Cursor;
import dev.orderly.users.domain.User;
import dev.orderly.users.domain.UserView;
import dev.orderly.users.domain.Users;
import dev.orderly.users.persistence.UserDirectory;

/** Reading accounts: one account for its owner or an administrator, the list for administrators. */
@Service
@Transactional(readOnly = true)
public class AccountLookup {

	private final Users users;

	private final UserDirectory directory;

	private final UserPolicy policy;

	AccountLookup(Users users, UserDirectory directory, UserPolicy policy) {
		this.users = users;
		this.directory = directory;
		this.policy = policy;
	}

	/** @throws UserNotFound when there is no such account or the actor may not see it */
	public User get(Actor actor, UUID userId) {
		policy.checkMayManage(actor, userId);
		return users.getLive(userId);
	}

	/**
	 * One page of the live accounts, newest first ({@code limit + 1} rows, so the caller can tell
	 * whether more exist).
	 * @throws NotAllowed when the actor may not list accounts
	 */
	public List<UserView> list(Actor actor, UserDirectory.Filter filter, Cursor after, int limit) {
		policy.checkMayListAccounts(actor);
		return directory.page(filter, after, limit);
	}
}
