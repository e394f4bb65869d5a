package dev.orderly.notifications.application;

import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.util.StringUtils;

import dev.orderly.platform.StartupCheck;

/**
 * How an instance that runs notifications delivers email, checked before anything starts
 * (docs/adr/0034): over SMTP ({@code ORDERLY_MAIL_HOST}), or into the {@link DevelopmentMailbox}, but
 * only when that is asked for explicitly ({@code ORDERLY_DEV_MAILBOX=true}) and never under a
 * {@code prod}/{@code production} profile. A missing mail host does not switch the mailbox on
 * silently: it stops the start-up with a message that says what to set. Listed in notifications'
 * {@code META-INF/spring.factories}.
 */
final class MailDelivery implements StartupCheck {

	static final String MAIL_HOST = "spring.mail.host";

	@Override
	public void check(Environment environment) {
		boolean production = environment.acceptsProfiles(Profiles.of("prod | production"));
		boolean mailbox = Boolean.parseBoolean(environment.getProperty(DevelopmentMailbox.ENABLED, "false").strip());
		boolean smtp = StringUtils.hasText(environment.getProperty(MAIL_HOST));
		if (mailbox && production) {
			throw new IllegalStateException("ORDERLY_DEV_MAILBOX=true (" + DevelopmentMailbox.ENABLED + ") is refused "
					+ "under a prod/production profile: the development mailbox delivers nothing and shows emails, "
					+ "tokens included, over HTTP. Set ORDERLY_MAIL_HOST (and ORDERLY_MAIL_USERNAME/ORDERLY_MAIL_PASSWORD).");
		}
		if (!mailbox && !smtp) {
			throw new IllegalStateException(production
					? "No mail server: the prod profile needs ORDERLY_MAIL_HOST (" + MAIL_HOST + ", and "
							+ "ORDERLY_MAIL_USERNAME/ORDERLY_MAIL_PASSWORD if it asks for them) to deliver email."
					: "No mail server: set ORDERLY_MAIL_HOST (" + MAIL_HOST + ") to deliver email over SMTP, or, for "
							+ "development only, ORDERLY_DEV_MAILBOX=true to keep emails in the development mailbox "
							+ "(GET /api/v1/dev/mailbox; ./orderly run does this when no mail host is set).");
		}
	}
}
