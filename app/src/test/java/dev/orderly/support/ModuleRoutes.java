package dev.orderly.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Which module serves which path: every endpoint of a running application, with a concrete path for
 * it and the module its controller belongs to. The one table the split routing is held to — the
 * reverse proxy of docker-compose.yml's split profile and the Kubernetes ingress alike must send each
 * path to an instance that runs its module (ADR 0022, 0036).
 */
public final class ModuleRoutes {

	/** The modules that can run apart ({@code ORDERLY_MODULES}). */
	public static final List<String> MODULES = List.of("users", "auth", "orders", "notifications");

	/** The modules that run in every process whatever {@code ORDERLY_MODULES} says (ADR 0037, 0039). */
	public static final List<String> EVERYWHERE = List.of("webhooks", "audit");

	/** What an instance runs: its {@code ORDERLY_MODULES} (all when empty) and the modules that run everywhere. */
	public static Set<String> runBy(String orderlyModules) {
		Set<String> modules = new TreeSet<>(EVERYWHERE);
		modules.addAll(orderlyModules == null || orderlyModules.isBlank() ? MODULES : List.of(orderlyModules.split(",")));
		return modules;
	}

	/** An endpoint: its method, its path pattern, a path that matches it and its module. */
	public record Route(String method, String pattern, String path, String module) {
	}

	private ModuleRoutes() {
	}

	public static List<Route> of(RequestMappingHandlerMapping mapping) {
		List<Route> routes = new ArrayList<>();
		for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : mapping.getHandlerMethods().entrySet()) {
			String[] packageName = entry.getValue().getBeanType().getPackageName().split("\\.");
			if (packageName.length < 3 || !packageName[1].equals("orderly")
					|| !(MODULES.contains(packageName[2]) || EVERYWHERE.contains(packageName[2]))) {
				continue;
			}
			List<String> methods = entry.getKey().getMethodsCondition().getMethods().stream().map(Enum::name).toList();
			for (String pattern : entry.getKey().getPatternValues()) {
				String path = pattern.replaceAll("\\{[^}]+}", "0190f3a6-5b7c-7d8e-9f00-112233445566");
				routes.add(new Route(methods.isEmpty() ? "*" : String.join(",", methods), pattern, path, packageName[2]));
			}
		}
		return routes;
	}
}
