package dev.orderly.notifications;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/** The dispatcher's schedule: a thread of its own, and a failed run does not end it. */
class EmailDispatchRunsTests {

	final EmailDispatcher dispatcher = mock(EmailDispatcher.class);

	final List<String> threads = new CopyOnWriteArrayList<>();

	EmailDispatchRuns runs;

	@AfterEach
	void stop() {
		if (runs != null) {
			runs.stop();
		}
	}

	@Test
	void runsOnAThreadOfItsOwnNotOnTheApplicationsScheduler() {
		when(dispatcher.dispatchDue()).thenAnswer(invocation -> {
			threads.add(Thread.currentThread().getName());
			return 0;
		});

		start(Duration.ofMillis(20));

		await().atMost(Duration.ofSeconds(5)).until(() -> threads.size() >= 2);
		assertThat(threads).containsOnly("orderly-email-dispatch");
	}

	@Test
	void aFailedRunDoesNotEndTheSchedule() {
		when(dispatcher.dispatchDue()).thenAnswer(invocation -> {
			threads.add(Thread.currentThread().getName());
			if (threads.size() == 1) {
				throw new IllegalStateException("a bug in one run");
			}
			return 0;
		});

		start(Duration.ofMillis(20));

		await().atMost(Duration.ofSeconds(5)).until(() -> threads.size() >= 3);
	}

	@Test
	void stopsAndStartsAgain() {
		when(dispatcher.dispatchDue()).thenReturn(0);
		start(Duration.ofMillis(20));
		assertThat(runs.isRunning()).isTrue();

		runs.stop();
		assertThat(runs.isRunning()).isFalse();

		runs.start();
		assertThat(runs.isRunning()).isTrue();
	}

	private void start(Duration interval) {
		NotificationProperties properties = new NotificationProperties("https://shop.example.test",
				"Orderly <no-reply@orderly.local>", "orderly.local", new NotificationProperties.Dispatch(interval,
						Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofSeconds(10), 5, Duration.ofHours(1), 1));
		runs = new EmailDispatchRuns(dispatcher, properties);
		runs.start();
	}
}
