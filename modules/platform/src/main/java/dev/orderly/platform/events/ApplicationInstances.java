package dev.orderly.platform.events;

import java.util.List;

/**
 * The instances of the application that share the database, as their heartbeats tell (see
 * {@code orderly_instances}): for work a module claims for one instance — an email being sent — so
 * that another instance takes it over once its claimant died, as event publications are
 * ({@code orderly.events.resubmission.instance-lease} after its last beat), instead of waiting for a
 * longer lease of its own.
 */
public interface ApplicationInstances {

	/** This running process's id, new at every start (the {@code application_name} of its connections). */
	String current();

	/**
	 * The ids of known instances whose heartbeat is older than the instance lease, by the database's
	 * clock: dead, or cut off from the database that long. Instances forgotten a day after their death
	 * are not listed (their claims have run out their own leases long before).
	 */
	List<String> dead();
}
