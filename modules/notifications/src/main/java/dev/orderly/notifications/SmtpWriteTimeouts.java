package dev.orderly.notifications;

import java.util.Properties;
import java.util.concurrent.ScheduledThreadPoolExecutor;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * One timer thread for the SMTP write timeout of every connection, instead of one per connection.
 * <p>
 * With {@code mail.smtp.writetimeout} set, Angus Mail wraps each SMTP socket in a
 * {@code WriteTimeoutSocket} that, unless given an executor, starts a scheduled thread pool of its
 * own for that one connection and stops it when the connection closes: a platform thread started
 * and stopped per email, since every send opens a connection (its saving in CPU per email was within
 * the noise of the benchmark machine; ADR 0029). Angus Mail's documented
 * {@code mail.<protocol>.executor.writetimeout} property takes a {@code ScheduledExecutorService}
 * to use instead; this sets it, for {@code smtp} and {@code smtps}, on the mail senders that have a
 * write timeout. The timeout itself is unchanged: a write that does not finish in time still closes
 * the socket. The executor is shut down with the application context.
 */
final class SmtpWriteTimeouts implements BeanPostProcessor, DisposableBean {

	private static final String[] PROTOCOLS = { "smtp", "smtps" };

	private ScheduledThreadPoolExecutor timer;

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof JavaMailSenderImpl sender) {
			Properties properties = sender.getJavaMailProperties();
			for (String protocol : PROTOCOLS) {
				if (properties.getProperty("mail." + protocol + ".writetimeout") != null) {
					properties.put("mail." + protocol + ".executor.writetimeout", timer());
				}
			}
		}
		return bean;
	}

	private synchronized ScheduledThreadPoolExecutor timer() {
		if (timer == null) {
			CustomizableThreadFactory threads = new CustomizableThreadFactory("smtp-write-timeout-");
			threads.setDaemon(true);
			timer = new ScheduledThreadPoolExecutor(1, threads);
			// A timeout is cancelled as soon as its write finishes: drop it from the queue at once.
			timer.setRemoveOnCancelPolicy(true);
		}
		return timer;
	}

	@Override
	public synchronized void destroy() {
		if (timer != null) {
			timer.shutdownNow();
		}
	}
}
