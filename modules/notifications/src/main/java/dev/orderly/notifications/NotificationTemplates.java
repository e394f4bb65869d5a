package dev.orderly.notifications;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.samskivert.mustache.Escapers;
import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;

import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Component;

/**
 * Renders the template files of a {@link NotificationKind} with JMustache: logic-less, so templates
 * cannot run code, and the HTML part is HTML-escaped (the text parts are not, they are not markup).
 * A variable missing from the model is an error, so that a typo never sends an email with a hole.
 */
@Component
class NotificationTemplates {

	static final String LOCATION = "classpath:templates/notifications/";

	private final ResourceLoader resources;

	/** The five characters that matter in HTML text and quoted attributes (every template quotes them). */
	private static final Mustache.Escaper HTML_ESCAPER = Escapers.simple(new String[][] { { "&", "&amp;" },
			{ "<", "&lt;" }, { ">", "&gt;" }, { "\"", "&quot;" }, { "'", "&#39;" } });

	private final Mustache.Compiler html = Mustache.compiler().withEscaper(HTML_ESCAPER).nullValue("");

	private final Mustache.Compiler text = Mustache.compiler().escapeHTML(false).nullValue("");

	private final Map<String, Template> compiled = new ConcurrentHashMap<>();

	NotificationTemplates(ResourceLoader resources) {
		this.resources = resources;
	}

	/** Subject, plain-text and HTML parts of an email. */
	RenderedEmail email(NotificationKind kind, Map<String, ?> model) {
		return new RenderedEmail(render(kind, ".subject.txt", model).strip(), render(kind, ".txt", model),
				render(kind, ".html", model));
	}

	/** Title and body of an in-app notification. */
	RenderedInApp inApp(NotificationKind kind, Map<String, ?> model) {
		return new RenderedInApp(render(kind, ".subject.txt", model).strip(), render(kind, ".inapp.txt", model).strip());
	}

	private String render(NotificationKind kind, String suffix, Map<String, ?> model) {
		String name = kind.template() + suffix;
		return compiled.computeIfAbsent(name, this::compile).execute(model);
	}

	private Template compile(String name) {
		Resource resource = resources.getResource(LOCATION + name);
		try (Reader reader = new InputStreamReader(resource.getInputStream(), StandardCharsets.UTF_8)) {
			return (name.endsWith(".html") ? html : text).compile(reader);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read template " + name, ex);
		}
	}

	record RenderedEmail(String subject, String text, String html) {
	}

	record RenderedInApp(String title, String body) {
	}
}
