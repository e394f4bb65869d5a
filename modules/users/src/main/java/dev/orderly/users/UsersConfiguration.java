package dev.orderly.users;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.PropertySource;

import dev.orderly.platform.OwnThreadSchedule;
import dev.orderly.platform.Retention;
import dev.orderly.platform.SecurityEvents;
import dev.orderly.platform.security.AccountRoles;
import dev.orderly.platform.security.PublicEndpoints;
import dev.orderly.users.api.UserAccount;
import dev.orderly.users.persistence.EmailVerificationTokens;
import dev.orderly.users.api.UserAccounts;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(UsersProperties.class)
@PropertySource("classpath:orderly-users-defaults.properties")
class UsersConfiguration {

	/**
	 * Registration is open; verifying an email needs no login because the single-use token itself
	 * proves that the caller reads the mailbox.
	 */
	@Bean
	PublicEndpoints usersPublicEndpoints() {
		return PublicEndpoints.post("/api/v1/users", "/api/v1/users/*/verify-email");
	}

	/** The security event users raises (the credential check of auth's login), counted from the start. */
	@Bean
	SecurityEvents.Counted usersSecurityEvents() {
		return new SecurityEvents.Counted(List.of(AccountsApi.LOGIN_FAILED));
	}

	/** The security chain re-reads an administrator's roles here before every administrative write. */
	@Bean
	AccountRoles accountRoles(UserAccounts accounts) {
		return userId -> accounts.findById(userId).map(UserAccount::roles).orElse(Set.of());
	}

	/**
	 * Retention (docs/ops/README.md, "Data retention"): spent email verification tokens are deleted
	 * after a while, in bounded batches, every {@code orderly.users.retention.interval} on a thread of
	 * its own.
	 */
	@Bean
	OwnThreadSchedule usersRetention(EmailVerificationTokens tokens,
			@Value("${orderly.users.retention.verification-tokens:7d}") Duration keep,
			@Value("${orderly.users.retention.batch-size:1000}") int batchSize,
			@Value("${orderly.users.retention.interval:1h}") Duration interval) {
		return new OwnThreadSchedule("orderly-users-retention", interval, () -> Retention.purge(
				"users.email_verification_tokens", batchSize, batch -> tokens.deleteSpentBefore(keep, batch)));
	}
}
