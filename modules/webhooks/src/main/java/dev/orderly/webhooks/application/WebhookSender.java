package dev.orderly.webhooks.application;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import dev.orderly.webhooks.domain.Delivery;
import dev.orderly.webhooks.domain.Endpoint;
import dev.orderly.webhooks.domain.TargetNotAllowed;
import dev.orderly.webhooks.domain.TargetRules;
import dev.orderly.webhooks.domain.WebhookSignature;

/**
 * Posts one attempt of a delivery, over one shared, pooled JDK {@link HttpClient}: connect timeout
 * at most 5 s, the response's headers within the read timeout (at most 10 s), the whole attempt within
 * both, redirects never followed (a 3xx is an answer like any other), at most
 * {@code max-response-bytes} of the body read. The target is checked again before each attempt
 * ({@link TargetRules}), because DNS can change.
 */
@Component
class WebhookSender implements DisposableBean {

	static final String USER_AGENT = "Orderly-Webhooks/1";

	private final HttpClient client;

	private final TargetRules targets;

	private final WebhooksProperties.Dispatch settings;

	private final Clock clock;

	WebhookSender(TargetRules targets, WebhooksProperties properties, Clock clock) {
		this.targets = targets;
		this.settings = properties.dispatch();
		this.clock = clock;
		this.client = HttpClient.newBuilder()
			.connectTimeout(settings.connectTimeout())
			.followRedirects(HttpClient.Redirect.NEVER)
			.version(HttpClient.Version.HTTP_1_1)
			.build();
	}

	/** What an attempt got. */
	record Attempt(Result result, Integer status, String error, Duration retryAfter, Duration latency) {
	}

	/** How the dispatcher goes on after an attempt. */
	enum Result {
		/** A 2xx answer. */
		DELIVERED,
		/** Connection error, timeout, 5xx or 429: try again later. */
		RETRYABLE,
		/** 410 Gone: the receiver is gone for good; the endpoint is disabled. */
		GONE,
		/** Any other answer (3xx, 4xx) or a target that may not be called: not retried. */
		REFUSED
	}

	Attempt send(Endpoint endpoint, Delivery delivery) {
		long started = System.nanoTime();
		URI target;
		try {
			target = targets.check(endpoint.url());
		}
		catch (TargetNotAllowed ex) {
			return new Attempt(Result.REFUSED, null, "Target not allowed: " + ex.getMessage(), null, Duration.ZERO);
		}
		Instant now = clock.instant();
		long timestamp = now.getEpochSecond();
		String webhookId = delivery.webhookId();
		HttpRequest request = HttpRequest.newBuilder(target)
			.timeout(settings.readTimeout())
			.header("Content-Type", "application/json")
			.header("User-Agent", USER_AGENT)
			.header("webhook-id", webhookId)
			.header("webhook-timestamp", Long.toString(timestamp))
			.header("webhook-signature", WebhookSignature.of(webhookId, timestamp, delivery.payload(),
					endpoint.signingSecrets(now)))
			.POST(HttpRequest.BodyPublishers.ofString(delivery.payload(), StandardCharsets.UTF_8))
			.build();
		CompletableFuture<HttpResponse<byte[]>> exchange = client.sendAsync(request,
				info -> new LimitedBody(settings.maxResponseBytes()));
		try {
			HttpResponse<byte[]> response = exchange.get(settings.connectTimeout().plus(settings.readTimeout()).toMillis(),
					TimeUnit.MILLISECONDS);
			return answered(response, elapsed(started));
		}
		catch (TimeoutException ex) {
			exchange.cancel(true);
			return failed("Timed out", started);
		}
		catch (InterruptedException ex) {
			exchange.cancel(true);
			Thread.currentThread().interrupt();
			return failed("Interrupted", started);
		}
		catch (ExecutionException ex) {
			return failed(describe(ex.getCause()), started);
		}
	}

	private Attempt answered(HttpResponse<byte[]> response, Duration latency) {
		int status = response.statusCode();
		if (status >= 200 && status < 300) {
			return new Attempt(Result.DELIVERED, status, null, null, latency);
		}
		String error = "HTTP " + status;
		if (status == 410) {
			return new Attempt(Result.GONE, status, error, null, latency);
		}
		if (status == 429 || status >= 500) {
			Duration retryAfter = response.headers().firstValue("Retry-After").map(value -> retryAfter(value, clock))
				.orElse(null);
			return new Attempt(Result.RETRYABLE, status, error, retryAfter, latency);
		}
		return new Attempt(Result.REFUSED, status, error, null, latency);
	}

	private static Attempt failed(String error, long started) {
		return new Attempt(Result.RETRYABLE, null, error, null, elapsed(started));
	}

	private static String describe(Throwable cause) {
		if (cause instanceof HttpConnectTimeoutException) {
			return "Connect timed out";
		}
		if (cause instanceof HttpTimeoutException) {
			return "Timed out waiting for the response";
		}
		if (cause instanceof ConnectException) {
			return "Connection refused or unreachable";
		}
		if (cause instanceof IOException) {
			return "I/O error: " + cause.getClass().getSimpleName();
		}
		return "Error: " + (cause == null ? "unknown" : cause.getClass().getSimpleName());
	}

	/**
	 * A {@code Retry-After} value: delay-seconds or an HTTP-date; {@code null} when it is neither or
	 * in the past.
	 */
	static Duration retryAfter(String value, Clock clock) {
		String trimmed = value.strip();
		try {
			if (trimmed.matches("\\d{1,9}")) {
				return Duration.ofSeconds(Long.parseLong(trimmed));
			}
			Instant at = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
			Duration delay = Duration.between(clock.instant(), at);
			return delay.isNegative() ? null : delay;
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	private static Duration elapsed(long started) {
		return Duration.ofNanos(System.nanoTime() - started);
	}

	@Override
	public void destroy() {
		client.shutdownNow();
	}

	/** Collects at most {@code max} bytes of a response body, then stops reading. */
	static final class LimitedBody implements HttpResponse.BodySubscriber<byte[]> {

		private final int max;

		private final ByteArrayOutputStream body = new ByteArrayOutputStream();

		private final CompletableFuture<byte[]> result = new CompletableFuture<>();

		private Flow.Subscription subscription;

		LimitedBody(int max) {
			this.max = max;
		}

		@Override
		public CompletionStage<byte[]> getBody() {
			return result;
		}

		@Override
		public void onSubscribe(Flow.Subscription subscription) {
			this.subscription = subscription;
			subscription.request(1);
		}

		@Override
		public void onNext(List<ByteBuffer> items) {
			for (ByteBuffer item : items) {
				int take = Math.min(item.remaining(), max - body.size());
				byte[] chunk = new byte[take];
				item.get(chunk);
				body.write(chunk, 0, take);
			}
			if (body.size() >= max) {
				subscription.cancel();
				result.complete(body.toByteArray());
			}
			else {
				subscription.request(1);
			}
		}

		@Override
		public void onError(Throwable error) {
			result.completeExceptionally(error);
		}

		@Override
		public void onComplete() {
			result.complete(body.toByteArray());
		}
	}
}
