package io.fapilog.internal.sinks;

import io.fapilog.spi.SinkErrorListener;

/**
 * A sink that can fail beside its writes, with nothing for its caller to retry: a file sink's roll,
 * compression or clean-up of old files. The {@link ResilientSink} around it registers a listener, so
 * that such failures show in the sink's health ({@code errors}, {@code lastError}) like failed writes.
 */
public interface SideFailureReporting {

    /** Also tells {@code listener} of every failure beside a write, from now on. */
    void reportSideFailuresTo(SinkErrorListener listener);
}
