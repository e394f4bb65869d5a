package dev.orderly;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Bootstraps the platform module alone for its own tests. */
@SpringBootApplication
class PlatformTestApplication {
}
