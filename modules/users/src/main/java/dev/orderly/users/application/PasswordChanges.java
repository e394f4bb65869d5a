package dev.orderly.users.application;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.orderly.platform.Actor;
import dev.orderly.platform.AfterCommit;
import dev.orderly.users.api.WeakPassword;
import dev.orderly.users.domain.User;
import dev.orderly.users.domain.Users;
import dev.orderly.users.domain.WrongPassword;

/**
 * Setting a new password: changed with the current one (owner or administrator), or reset after the
 * caller proved control of the email address (through auth). The account registers
 * {@code PasswordChanged}, which ends every session of the user.
 */
@Service
@Transactional
public class PasswordChanges {

	/** Security events (docs/ops/README.md). */
	private static final Logger LOG = LoggerFactory.getLogger(PasswordChanges.class);

	private final Users users;

	private final Passwords passwords;

	private final UserPolicy policy;

	private final Clock clock;

	PasswordChanges(Users users, Passwords passwords, UserPolicy policy, Clock clock) {
		this.users = users;
		this.passwords = passwords;
		this.policy = policy;
		this.clock = clock;
	}

	/**
	 * @throws UserNotFound when there is no such account or the actor may not change it
	 * @throws WrongPassword when {@code currentPassword} is not the account's
	 * @throws WeakPassword (field {@code newPassword}) when the policy refuses the new password or it
	 * is the current one
	 */
	public void change(Actor actor, UUID userId, String currentPassword, String newPassword) {
		policy.checkMayManage(actor, userId);
		User user = users.getLive(userId);
		if (!passwords.matches(currentPassword, user.passwordHash())) {
			throw new WrongPassword();
		}
		if (currentPassword.equals(newPassword)) {
			throw new WeakPassword("newPassword", "same_as_current", "The new password must differ from the current one");
		}
		setPassword(user, newPassword);
	}

	/**
	 * Sets a new password without the current one (the caller proved control of the email).
	 * @return {@code false} when there is no live account with this id
	 * @throws WeakPassword (field {@code newPassword}) when the policy refuses the password
	 */
	public boolean reset(UUID userId, String newPassword) {
		Optional<User> found = users.findLive(userId);
		found.ifPresent(user -> setPassword(user, newPassword));
		return found.isPresent();
	}

	private void setPassword(User user, String newPassword) {
		user.changePassword(passwords.hash("newPassword", newPassword, user.email()), User.now(clock));
		users.save(user);
		AfterCommit.run(() -> LOG.atInfo().setMessage("user.password_changed")
			.addKeyValue("userId", user.id())
			.log());
	}
}
