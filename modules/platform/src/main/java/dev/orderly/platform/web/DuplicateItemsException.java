package dev.orderly.platform.web;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.exc.MismatchedInputException;
import java.util.Set;

/** A JSON array bound to a {@code Set} (a {@code uniqueItems} array) that repeats an item. */
class DuplicateItemsException extends MismatchedInputException {

	DuplicateItemsException(JsonParser parser) {
		super(parser, "Array items must be unique", Set.class);
	}
}
