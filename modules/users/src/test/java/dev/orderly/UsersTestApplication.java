package dev.orderly;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Bootstraps the users module for its own tests ({@code @ApplicationModuleTest} needs one up the tree). */
@SpringBootApplication
class UsersTestApplication {
}
