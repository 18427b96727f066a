package io.fapilog.docs;

import io.fapilog.Logger;

/** The Java snippets of docs/redaction.md. */
final class RedactionSnippets {

    private RedactionSnippets() {
    }

    static void record(Logger log) {
        // tag::record[]
        record Login(String user, String password) {
        }

        log.info("Signed in", "login", new Login("ann", "hunter2"));
        // end::record[]
    }
}
