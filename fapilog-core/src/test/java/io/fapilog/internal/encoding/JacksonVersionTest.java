package io.fapilog.internal.encoding;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.cfg.PackageVersion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The tests of how values are written run on the oldest Jackson 3 too: that it is the one on the class path then. */
class JacksonVersionTest {

    @Test
    void theExecutionOnTheOldestJacksonRunsOnIt() {
        String expected = System.getProperty("fapilog.test.jackson-version");
        assumeTrue(expected != null, "only in the on-jackson-3.0 execution");
        assertThat(PackageVersion.VERSION.toString()).isEqualTo(expected);
    }
}
