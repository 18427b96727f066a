package io.fapilog.encoding;

/** Creates an {@link Encoder} for one worker; encoders need not be thread-safe. */
@FunctionalInterface
public interface EncoderFactory {

    Encoder create();
}
