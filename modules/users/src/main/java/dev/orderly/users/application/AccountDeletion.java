package dev.orderly.users.application;

import java.time.Clock;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.orderly.platform.Actor;
import dev.orderly.platform.AfterCommit;
import dev.orderly.platform.CurrentRequest;
import dev.orderly.users.domain.User;
import dev.orderly.users.domain.Users;
import dev.orderly.users.persistence.Administrators;

/**
 * Soft-deleting an account, by its owner or an administrator; the account registers
 * {@code UserDeleted} (its sessions end, its open orders are cancelled, no further email goes to
 * it). The last administrator cannot be deleted.
 */
@Service
@Transactional
public class AccountDeletion {

	/** Business and administrative events (docs/ops/README.md), logged after commit. */
	private static final Logger LOG = LoggerFactory.getLogger(AccountDeletion.class);

	private final Users users;

	private final Administrators administrators;

	private final UserPolicy policy;

	private final Clock clock;

	AccountDeletion(Users users, Administrators administrators, UserPolicy policy, Clock clock) {
		this.users = users;
		this.administrators = administrators;
		this.policy = policy;
		this.clock = clock;
	}

	/**
	 * @throws UserNotFound when there is no such account or the actor may not delete it
	 * @throws LastAdministrator when it is the last administrator's account
	 */
	public void delete(Actor actor, UUID userId) {
		policy.checkMayManage(actor, userId);
		User user = users.getLive(userId);
		administrators.ensureAnotherRemainsBesides(user);
		user.delete(User.now(clock), actor.id(), CurrentRequest.id());
		users.save(user);
		AfterCommit.run(() -> LOG.atInfo().setMessage("user.deleted")
			.addKeyValue("userId", userId)
			.addKeyValue("actorId", actor.id())
			.log());
	}
}
