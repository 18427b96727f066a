package io.fapilog.docs;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Relative links of the README and of docs/*.md lead to files and headings that exist. */
class DocsLinksTests {

    /** Written by the benchmarks, which publish it with their JMH results. */
    private static final Set<String> PUBLISHED_ELSEWHERE = Set.of("performance.md");

    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");

    @Test
    void relativeLinksResolve() {
        List<Path> pages = new ArrayList<>(Markdown.docs());
        pages.add(Path.of("..", "README.md"));
        List<String> broken = new ArrayList<>();
        int checked = 0;
        for (Path page : pages) {
            String text = withoutCodeBlocks(Markdown.read(page));
            Matcher link = LINK.matcher(text);
            while (link.find()) {
                String target = link.group(1);
                if (target.matches("^[a-z]+:.*")) {
                    continue; // https:, mailto:
                }
                checked++;
                String file = target.contains("#") ? target.substring(0, target.indexOf('#')) : target;
                String anchor = target.contains("#") ? target.substring(target.indexOf('#') + 1) : null;
                Path resolved = file.isEmpty() ? page : page.resolveSibling(file).normalize();
                if (PUBLISHED_ELSEWHERE.contains(resolved.getFileName().toString()) && !Files.exists(resolved)) {
                    continue;
                }
                if (!Files.exists(resolved)) {
                    broken.add(page.getFileName() + ": " + target + " (no such file)");
                } else if (anchor != null && !anchors(resolved).contains(anchor)) {
                    broken.add(page.getFileName() + ": " + target + " (no such heading)");
                }
            }
        }
        assertThat(checked).isGreaterThan(30);
        assertThat(broken).isEmpty();
    }

    /** GitHub's heading anchors: lower case, punctuation removed, spaces turned into dashes. */
    private static Set<String> anchors(Path page) {
        try (Stream<String> lines = withoutCodeBlocks(Markdown.read(page)).lines()) {
            return lines.filter(line -> line.startsWith("#"))
                    .map(line -> line.replaceFirst("^#+\\s*", "").toLowerCase(Locale.ROOT)
                            .replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-'))
                    .collect(Collectors.toSet());
        }
    }

    private static String withoutCodeBlocks(String text) {
        return text.replaceAll("(?s)```.*?```", "");
    }
}
