package dev.orderly.platform.events;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.zaxxer.hikari.HikariDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * This running process among the instances that share the database. Its id is new at every start
 * and is the {@code application_name} of each of its database connections (so the publications it
 * stores carry it as their owner, and an operator sees it in {@code pg_stat_activity}). It beats in
 * {@code orderly_instances} every {@code orderly.events.resubmission.heartbeat-interval}, with the
 * database's clock; an instance whose last beat is older than the lease is dead.
 */
class ApplicationInstance implements ApplicationInstances, SmartInitializingSingleton, DisposableBean {

	private static final Logger LOG = LoggerFactory.getLogger(ApplicationInstance.class);

	private final String id;

	private final JdbcClient jdbc;

	private final Duration interval;

	private final Duration lease;

	/**
	 * A thread of its own: on the application's shared scheduler a long task (the email dispatcher
	 * draining a backlog) would delay the beat, and other instances would take this live one for dead.
	 */
	private final ScheduledExecutorService beat = Executors.newSingleThreadScheduledExecutor(
			Thread.ofPlatform().daemon().name("orderly-heartbeat").factory());

	ApplicationInstance(Id id, JdbcClient jdbc, Duration interval, Duration lease) {
		this.id = id.value();
		this.jdbc = jdbc;
		this.interval = interval;
		this.lease = lease;
	}

	/** The id of this process, as a bean of its own so that the connection naming can have it early. */
	record Id(String value) {

		static Id random() {
			return new Id("orderly-" + UUID.randomUUID());
		}
	}

	String id() {
		return id;
	}

	@Override
	public String current() {
		return id;
	}

	@Override
	public List<String> dead() {
		return jdbc.sql("""
				SELECT id FROM orderly_instances
				WHERE heartbeat_at < clock_timestamp() - make_interval(secs => :leaseSeconds)""")
			.param("leaseSeconds", lease.toMillis() / 1000.0)
			.query(String.class)
			.list();
	}

	/** Registered once every singleton (Flyway's migrations included) is ready, before any request. */
	@Override
	public void afterSingletonsInstantiated() {
		LOG.info("This instance is {} (application_name of its database connections)", id);
		heartbeat();
		beat.scheduleWithFixedDelay(this::heartbeat, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
	}

	@Override
	public void destroy() {
		beat.shutdownNow();
	}

	void heartbeat() {
		try {
			jdbc.sql("""
					INSERT INTO orderly_instances (id, started_at, heartbeat_at)
					VALUES (:id, clock_timestamp(), clock_timestamp())
					ON CONFLICT (id) DO UPDATE SET heartbeat_at = clock_timestamp()""")
				.param("id", id)
				.update();
		}
		catch (RuntimeException ex) {
			// the database is away: other instances take this one's publications over after the lease
			LOG.warn("Heartbeat of {} failed: {}", id, ex.getClass().getSimpleName());
		}
	}

	/** Names every connection of the application's pool after this instance, unless already named. */
	static final class ConnectionNaming implements BeanPostProcessor {

		private final ObjectProvider<Id> id;

		/** Lazily: the id is created once every post-processor is registered (no early bean). */
		ConnectionNaming(ObjectProvider<Id> id) {
			this.id = id;
		}

		@Override
		public Object postProcessAfterInitialization(Object bean, String beanName) {
			if (bean instanceof HikariDataSource hikari && hikari.getDataSourceProperties().getProperty("ApplicationName") == null
					&& !hikari.isRunning()) {
				hikari.addDataSourceProperty("ApplicationName", id.getObject().value());
			}
			return bean;
		}
	}
}
