package dev.orderly;

import jakarta.mail.util.StreamProvider;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.modulith.Modulithic;

/**
 * Orderly: one deployable application made of the users, auth, orders and notifications
 * modules, which talk to each other only through published events and small public APIs.
 */
@SpringBootApplication
@Modulithic(systemName = "Orderly", sharedModules = "platform")
public class OrderlyApplication {

	/** The system property Jakarta Mail reads first: the name of its service interface for MIME streams. */
	static final String MAIL_STREAM_PROVIDER = StreamProvider.class.getName();

	/** The implementation Angus Mail ships (a runtime dependency, hence by name). */
	static final String ANGUS_MAIL_STREAM_PROVIDER = "org.eclipse.angus.mail.util.MailStreamProvider";

	public static void main(String[] args) {
		nameMailStreamProvider();
		SpringApplication.run(OrderlyApplication.class, args);
	}

	/**
	 * Jakarta Mail 2.1 looks its {@code StreamProvider} up again for every MIME part it creates or
	 * writes, with a {@code ServiceLoader} scan of every jar unless a system property names the class
	 * (jakartaee/mail-api#861). That scan was 7 % of the application's CPU while orders were placed,
	 * each sending an email; with the class named, the lookup is one {@code Class.forName}. A value
	 * set on the command line wins.
	 */
	static void nameMailStreamProvider() {
		System.getProperties().putIfAbsent(MAIL_STREAM_PROVIDER, ANGUS_MAIL_STREAM_PROVIDER);
	}
}
