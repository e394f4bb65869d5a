package dev.orderly;

import jakarta.mail.util.StreamProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The system property that spares Jakarta Mail a {@code ServiceLoader} scan per MIME part
 * ({@link OrderlyApplication#nameMailStreamProvider}) must name a class that exists and is a
 * {@link StreamProvider}: Jakarta Mail would otherwise fail or fall back to the scan.
 */
class MailStreamProviderTests {

	private final String before = System.getProperty(OrderlyApplication.MAIL_STREAM_PROVIDER);

	@AfterEach
	void restore() {
		if (before == null) {
			System.clearProperty(OrderlyApplication.MAIL_STREAM_PROVIDER);
		}
		else {
			System.setProperty(OrderlyApplication.MAIL_STREAM_PROVIDER, before);
		}
	}

	@Test
	void theNamedClassIsTheStreamProviderJakartaMailUses() throws Exception {
		System.clearProperty(OrderlyApplication.MAIL_STREAM_PROVIDER);

		OrderlyApplication.nameMailStreamProvider();

		String named = System.getProperty(OrderlyApplication.MAIL_STREAM_PROVIDER);
		assertThat(named).isEqualTo(OrderlyApplication.ANGUS_MAIL_STREAM_PROVIDER);
		assertThat(StreamProvider.class.isAssignableFrom(Class.forName(named))).isTrue();
		assertThat(StreamProvider.provider().getClass().getName()).isEqualTo(named);
	}

	@Test
	void aValueGivenOnTheCommandLineWins() {
		System.setProperty(OrderlyApplication.MAIL_STREAM_PROVIDER, "com.example.OwnStreamProvider");

		OrderlyApplication.nameMailStreamProvider();

		assertThat(System.getProperty(OrderlyApplication.MAIL_STREAM_PROVIDER)).isEqualTo("com.example.OwnStreamProvider");
	}
}
