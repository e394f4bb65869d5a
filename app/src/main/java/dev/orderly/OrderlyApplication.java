package dev.orderly;

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

	public static void main(String[] args) {
		SpringApplication.run(OrderlyApplication.class, args);
	}
}
