package io.fapilog.spi;

import io.fapilog.FapilogRuntime;

import java.util.List;

/**
 * What a bridge says through the runtime when it puts fapilog's appender in place of a logging
 * framework's console and file appenders: which it replaced, which it left in place. Said at WARN
 * when a replaced appender wrote a file (a file the team reads is no longer written, and a root
 * logger at WARN still shows it), at INFO otherwise.
 *
 * @param framework the framework's name, {@code Logback} or {@code Log4j2}
 * @param what what the bridge did, {@code installed} or {@code reinstalled after ...}
 * @param replaced the replaced appenders' names ({@code Console}, {@code FILE on com.acme.audit})
 * @param leftInPlace the names of the appenders the bridge left on the loggers
 * @param filesReplaced whether a replaced appender wrote a file, itself or through a wrapper
 */
public record BridgeInstallNotice(String framework, String what, List<String> replaced, List<String> leftInPlace,
                                  boolean filesReplaced) {

    public BridgeInstallNotice {
        replaced = List.copyOf(replaced);
        leftInPlace = List.copyOf(leftInPlace);
    }

    /** The notice's text. */
    public String message() {
        return "Fapilog's " + framework + " bridge " + what + ": console and file appender(s) " + replaced
                + " replaced by fapilog's sinks (they now write only what no running fapilog runtime can take)"
                + (leftInPlace.isEmpty() ? "" : "; appender(s) " + leftInPlace + " left in place, still written by " + framework)
                + (filesReplaced ? "; " + framework + " no longer writes their files: fapilog writes a file through its"
                + " rotating-file sink (logging.file.name, or fapilog.sinks)" : "");
    }

    /** Says it through {@code runtime}, as an event of {@code bridge}'s logger; nothing when nothing was replaced or left. */
    public void tell(FapilogRuntime runtime, Class<?> bridge) {
        if (replaced.isEmpty() && leftInPlace.isEmpty()) {
            return;
        }
        io.fapilog.Logger logger = runtime.getLogger(bridge.getName());
        if (filesReplaced) {
            logger.warn(message());
        } else {
            logger.info(message());
        }
    }
}
