package dev.orderly.notifications.application;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.samskivert.mustache.Escapers;
import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;

import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Component;

import dev.orderly.notifications.domain.NotificationKind;
import dev.orderly.notifications.domain.TemplateModel;

/**
 * Renders the template files of a {@link NotificationKind} from its typed {@link TemplateModel} with
 * JMustache: logic-less, so templates cannot run code, and the HTML part is HTML-escaped (the text
 * parts are not, they are not markup). A variable missing from the model is an error, so that a typo
 * never sends an email with a hole.
 */
@Component
public class NotificationTemplates {

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

	/** Subject, plain-text and HTML parts of an email: its model's variables and those of its delivery. */
	RenderedEmail email(TemplateModel model, Delivery delivery) {
		Map<String, Object> variables = new HashMap<>(model.params());
		variables.putIfAbsent("displayName", delivery.recipientName());
		variables.put("token", delivery.token());
		variables.put("link", delivery.link());
		NotificationKind kind = model.kind();
		return new RenderedEmail(render(kind, ".subject.txt", variables).strip(), render(kind, ".txt", variables),
				render(kind, ".html", variables));
	}

	/** Title and body of an in-app notification. */
	RenderedInApp inApp(TemplateModel model) {
		Map<String, String> variables = model.params();
		return new RenderedInApp(render(model.kind(), ".subject.txt", variables).strip(),
				render(model.kind(), ".inapp.txt", variables).strip());
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

	/**
	 * What an email knows only when it is sent: the recipient's name (used where the model has none),
	 * the token (kept only until the email is sent) and the link, which may hold the token.
	 */
	record Delivery(String recipientName, String token, String link) {
	}

	record RenderedEmail(String subject, String text, String html) {
	}

	public record RenderedInApp(String title, String body) {
	}
}
