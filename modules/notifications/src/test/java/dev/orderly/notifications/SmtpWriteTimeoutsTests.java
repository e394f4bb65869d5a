package dev.orderly.notifications;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The SMTP write timeout runs on one shared timer: emails still go out, the timer is what times
 * their writes, and a write the server does not take in time still fails the send.
 */
class SmtpWriteTimeoutsTests {

	final SmtpWriteTimeouts timeouts = new SmtpWriteTimeouts();

	@AfterEach
	void stopTimer() {
		timeouts.destroy();
	}

	@Test
	void sendsThroughTheSharedTimer() throws Exception {
		JavaMailSenderImpl sender = sender(TestSmtp.SERVER.port(), 2000);
		timeouts.postProcessAfterInitialization(sender, "mailSender");
		ScheduledThreadPoolExecutor timer = timer(sender);
		assertThat(timer.getPoolSize()).as("its thread starts with the first timed write").isZero();
		String to = NotificationsFixture.unique("write-timeout");

		for (int i = 0; i < 3; i++) {
			sender.send(message(sender, to, "Hello " + i));
		}

		await().atMost(Duration.ofSeconds(10)).until(() -> TestSmtp.SERVER.to(to).size() == 3);
		assertThat(timer.getPoolSize()).as("writes timed by the one shared thread").isOne();
		assertThat(timer.getQueue()).as("timeouts of finished writes are dropped").isEmpty();
		assertThat(timer.isShutdown()).isFalse();
	}

	@Test
	void aWriteTheServerDoesNotTakeStillTimesOut() throws Exception {
		CountDownLatch done = new CountDownLatch(1);
		try (ServerSocket server = new ServerSocket()) {
			server.setReceiveBufferSize(4096);
			server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
			Thread.ofVirtual().start(() -> acceptThenStopReadingAtData(server, done));
			JavaMailSenderImpl sender = sender(server.getLocalPort(), 500);
			timeouts.postProcessAfterInitialization(sender, "mailSender");
			MimeMessage large = message(sender, "stuck@example.test", "x".repeat(8 * 1024 * 1024));

			CompletableFuture<Void> send = CompletableFuture.runAsync(() -> sender.send(large));
			assertThatThrownBy(() -> send.get(20, TimeUnit.SECONDS)).as("the send fails, it does not hang")
				.isInstanceOf(ExecutionException.class)
				.hasCauseInstanceOf(MailSendException.class);
			assertThat(timer(sender).getCompletedTaskCount()).as("the shared timer closed the socket").isOne();
		}
		finally {
			done.countDown();
		}
	}

	@Test
	void leavesSendersWithoutWriteTimeoutAlone() {
		JavaMailSenderImpl sender = new JavaMailSenderImpl();
		timeouts.postProcessAfterInitialization(sender, "mailSender");
		assertThat(sender.getJavaMailProperties()).doesNotContainKey("mail.smtp.executor.writetimeout");
	}

	@Test
	void shutsTheTimerDownWithTheContext() {
		JavaMailSenderImpl sender = sender(TestSmtp.SERVER.port(), 2000);
		timeouts.postProcessAfterInitialization(sender, "mailSender");
		timeouts.destroy();
		assertThat(timer(sender).isShutdown()).isTrue();
	}

	private static JavaMailSenderImpl sender(int port, int writeTimeoutMillis) {
		JavaMailSenderImpl sender = new JavaMailSenderImpl();
		sender.setHost("127.0.0.1");
		sender.setPort(port);
		Properties properties = new Properties();
		properties.setProperty("mail.smtp.connectiontimeout", "2000");
		properties.setProperty("mail.smtp.timeout", "2000");
		properties.setProperty("mail.smtp.writetimeout", String.valueOf(writeTimeoutMillis));
		sender.setJavaMailProperties(properties);
		return sender;
	}

	private static ScheduledThreadPoolExecutor timer(JavaMailSenderImpl sender) {
		assertThat(sender.getJavaMailProperties().get("mail.smtp.executor.writetimeout"))
			.isInstanceOf(ScheduledThreadPoolExecutor.class);
		return (ScheduledThreadPoolExecutor) sender.getJavaMailProperties().get("mail.smtp.executor.writetimeout");
	}

	private static MimeMessage message(JavaMailSenderImpl sender, String to, String text) throws Exception {
		MimeMessage message = sender.createMimeMessage();
		MimeMessageHelper helper = new MimeMessageHelper(message, "UTF-8");
		helper.setFrom("orderly@example.test");
		helper.setTo(to);
		helper.setSubject("Write timeout");
		helper.setText(text);
		return message;
	}

	/** A server that answers every command until DATA, then neither reads nor answers until {@code done}. */
	private static void acceptThenStopReadingAtData(ServerSocket server, CountDownLatch done) {
		try (Socket client = server.accept()) {
			BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
			OutputStream out = client.getOutputStream();
			out.write("220 test\r\n".getBytes(StandardCharsets.US_ASCII));
			for (String line = in.readLine(); line != null; line = in.readLine()) {
				if (line.toUpperCase().startsWith("DATA")) {
					out.write("354 go ahead\r\n".getBytes(StandardCharsets.US_ASCII));
					out.flush();
					done.await(30, TimeUnit.SECONDS); // stops reading: the client's writes fill the buffers
					return;
				}
				out.write("250 ok\r\n".getBytes(StandardCharsets.US_ASCII));
				out.flush();
			}
		}
		catch (IOException ex) {
			// the client closed the connection: expected once its write timed out
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}
}
