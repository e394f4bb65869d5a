package dev.orderly.notifications;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Matches when no SMTP server is configured: {@code spring.mail.host} (bound from
 * {@code ORDERLY_MAIL_HOST}) is missing or blank. Boot's own mail condition counts a blank host as
 * configured, hence this one.
 */
public class SmtpNotConfigured extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		String host = context.getEnvironment().getProperty("spring.mail.host");
		return StringUtils.hasText(host) ? ConditionOutcome.noMatch("spring.mail.host is " + host)
				: ConditionOutcome.match("spring.mail.host is not set");
	}
}
