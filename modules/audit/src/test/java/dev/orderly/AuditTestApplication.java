package dev.orderly;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.modulith.Modulithic;

/**
 * Bootstraps the audit module for its own tests ({@code @ApplicationModuleTest} needs one up the tree).
 * The platform is a shared module, as in the application: module tests bootstrap it too.
 */
@SpringBootApplication
@Modulithic(sharedModules = "platform")
class AuditTestApplication {
}
