package dev.orderly.notifications.application;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import dev.orderly.notifications.domain.AdministratorNotice;
import dev.orderly.notifications.events.AdministratorNoticeRequested;
import dev.orderly.notifications.persistence.AdministratorNotices;

/**
 * Notices for every administrator, which any module may ask for with
 * {@link AdministratorNoticeRequested} without knowing who the administrators are. Notifications does
 * not know it either (it consumes no role event, and the first administrator is provisioned without
 * one), so a notice is pinned here and each administrator gets their own copy among their in-app
 * notifications when they read them: the token they read with says they are an administrator, and
 * each copy is read (and expires) on its own.
 * <p>
 * Notices are offered for {@link #window()}: the shorter of the read and the in-app retention, so
 * that a copy the retention deleted is never made again.
 */
@Component
class AdministratorNoticeBoard {

	private final AdministratorNotices notices;

	private final NotificationTemplates templates;

	private final Clock clock;

	private final Duration window;

	AdministratorNoticeBoard(AdministratorNotices notices, NotificationTemplates templates, Clock clock,
			@Value("${orderly.notifications.retention.read:90d}") Duration read,
			@Value("${orderly.notifications.retention.in-app:365d}") Duration inApp) {
		this.notices = notices;
		this.templates = templates;
		this.clock = clock;
		this.window = read.compareTo(inApp) < 0 ? read : inApp;
	}

	/** Pins a notice (once per notice id), its title and body rendered as every copy shows them. */
	void post(AdministratorNotice notice) {
		NotificationTemplates.RenderedInApp shown = templates.inApp(notice.model());
		notices.record(notice.id(), notice.model().params(), shown.title(), shown.body(),
				notice.at() != null ? notice.at() : clock.instant());
	}

	/** Gives an administrator their copy of every notice of the window they have none of yet. */
	int deliverTo(UUID administrator) {
		return notices.copyTo(administrator, clock.instant().minus(window));
	}

	Duration window() {
		return window;
	}
}
