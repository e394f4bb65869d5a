package dev.orderly.platform;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/** A periodic task on a thread of its own: its thread, its pause, and a failed run does not end it. */
class OwnThreadScheduleTests {

	final List<String> threads = new CopyOnWriteArrayList<>();

	OwnThreadSchedule schedule;

	@AfterEach
	void stop() {
		if (schedule != null) {
			schedule.stop();
		}
	}

	@Test
	void runsOnAThreadOfItsOwnNotOnTheApplicationsScheduler() {
		start(Duration.ofMillis(20), () -> threads.add(Thread.currentThread().getName()));

		await().atMost(Duration.ofSeconds(5)).until(() -> threads.size() >= 2);
		assertThat(threads).containsOnly("orderly-test-schedule");
	}

	@Test
	void waitsTheIntervalBeforeTheFirstRun() {
		start(Duration.ofHours(1), () -> threads.add(Thread.currentThread().getName()));

		assertThat(schedule.isRunning()).isTrue();
		await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(1)).until(threads::isEmpty);
	}

	@Test
	void aFailedRunDoesNotEndTheSchedule() {
		start(Duration.ofMillis(20), () -> {
			threads.add(Thread.currentThread().getName());
			if (threads.size() == 1) {
				throw new IllegalStateException("a bug in one run");
			}
		});

		await().atMost(Duration.ofSeconds(5)).until(() -> threads.size() >= 3);
	}

	@Test
	void stopsAndStartsAgain() {
		start(Duration.ofMillis(20), () -> threads.add(Thread.currentThread().getName()));
		assertThat(schedule.isRunning()).isTrue();

		schedule.stop();
		assertThat(schedule.isRunning()).isFalse();
		int runs = threads.size();
		await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(1)).until(() -> threads.size() == runs);

		schedule.start();
		assertThat(schedule.isRunning()).isTrue();
		await().atMost(Duration.ofSeconds(5)).until(() -> threads.size() > runs);
	}

	@Test
	void refusesAnIntervalThatIsNotPositive() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new OwnThreadSchedule("orderly-test-schedule", Duration.ZERO, () -> { }))
			.withMessageContaining("orderly-test-schedule");
	}

	private void start(Duration interval, Runnable task) {
		schedule = new OwnThreadSchedule("orderly-test-schedule", interval, task);
		schedule.start();
	}
}
