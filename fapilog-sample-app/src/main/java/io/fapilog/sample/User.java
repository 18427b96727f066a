package io.fapilog.sample;

import io.fapilog.ExecutionMode;

/**
 * The answer of {@code GET /users/{id}}.
 *
 * @param loggedWith the execution mode of the logger the lookup was logged with
 */
public record User(long id, String name, ExecutionMode loggedWith) {

    private static final String[] NAMES = {"Ada", "Grace", "Linus", "Barbara", "Ken"};

    public static User find(long id, ExecutionMode loggedWith) {
        return new User(id, NAMES[(int) Math.floorMod(id, (long) NAMES.length)], loggedWith);
    }
}
