package dev.orderly.users.application;

import java.time.Clock;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.orderly.platform.Actor;
import dev.orderly.users.domain.User;
import dev.orderly.users.domain.Users;

/**
 * Changing the profile fields (display name, phone, locale) of an account, by its owner or an
 * administrator; the account registers {@code UserProfileUpdated} when anything changed.
 */
@Service
@Transactional
public class ProfileUpdates {

	private final Users users;

	private final UserPolicy policy;

	private final Clock clock;

	ProfileUpdates(Users users, UserPolicy policy, Clock clock) {
		this.users = users;
		this.policy = policy;
		this.clock = clock;
	}

	/** Profile fields; in a patch, {@code null} means "leave as is". */
	public record ProfileChange(String displayName, String phone, String locale) {
	}

	/**
	 * Replaces the whole profile ({@code null} clears phone and locale).
	 * @throws UserNotFound when there is no such account or the actor may not change it
	 */
	public User replace(Actor actor, UUID userId, ProfileChange change) {
		policy.checkMayManage(actor, userId);
		return apply(users.getLive(userId), change);
	}

	/**
	 * Changes only the fields given ({@code null}: leave as is).
	 * @throws UserNotFound when there is no such account or the actor may not change it
	 */
	public User patch(Actor actor, UUID userId, ProfileChange patch) {
		policy.checkMayManage(actor, userId);
		User user = users.getLive(userId);
		return apply(user, new ProfileChange(patch.displayName() != null ? patch.displayName() : user.displayName(),
				patch.phone() != null ? patch.phone() : user.phone(),
				patch.locale() != null ? patch.locale() : user.locale()));
	}

	private User apply(User user, ProfileChange change) {
		if (user.changeProfile(change.displayName().strip(), change.phone(), change.locale(), User.now(clock))) {
			users.save(user);
		}
		return user;
	}
}
