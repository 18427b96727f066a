package io.fapilog.docs;

import io.fapilog.docs.Markdown.CodeBlock;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every Java snippet of {@code docs/*.md} is a tagged region of a compiled source file in this
 * package ({@code // tag::name[]} ... {@code // end::name[]}), so the docs cannot show code that
 * does not compile, and every tagged region is shown somewhere.
 */
class DocsSnippetsTests {

    private static final Path SNIPPETS = Path.of("src", "test", "java", "io", "fapilog", "docs");

    private static final Pattern TAG = Pattern.compile("^\\s*// tag::([a-z0-9-]+)\\[]\\s*$");

    @Test
    void everyJavaBlockOfTheDocsIsACompiledSnippet() throws IOException {
        Map<String, String> snippets = snippets();
        List<CodeBlock> javaBlocks = javaBlocks();
        assertThat(javaBlocks).hasSizeGreaterThan(20);
        List<String> unknown = new ArrayList<>();
        for (CodeBlock block : javaBlocks) {
            if (!snippets.containsValue(block.content())) {
                unknown.add(block + ":\n" + block.content());
            }
        }
        assertThat(unknown).as("Java blocks of docs/*.md that are no tagged region of %s", SNIPPETS).isEmpty();
    }

    @Test
    void everySnippetIsShownInTheDocs() throws IOException {
        List<String> shown = javaBlocks().stream().map(CodeBlock::content).toList();
        Map<String, String> unused = new LinkedHashMap<>(snippets());
        unused.values().removeAll(shown);
        assertThat(unused.keySet()).as("tagged snippets that no docs page shows").isEmpty();
    }

    private static List<CodeBlock> javaBlocks() {
        return Markdown.docs().stream().flatMap(file -> Markdown.codeBlocks(file).stream())
                .filter(block -> block.language().equals("java")).toList();
    }

    /** Tagged regions by "File.java#tag", normalised like the docs' blocks. */
    static Map<String, String> snippets() throws IOException {
        Map<String, String> snippets = new LinkedHashMap<>();
        List<Path> sources;
        try (Stream<Path> files = Files.list(SNIPPETS)) {
            sources = files.filter(file -> file.getFileName().toString().endsWith("Snippets.java")).sorted().toList();
        }
        for (Path source : sources) {
            List<String> lines = Files.readAllLines(source);
            for (int i = 0; i < lines.size(); i++) {
                Matcher tag = TAG.matcher(lines.get(i));
                if (!tag.matches()) {
                    continue;
                }
                String name = tag.group(1);
                String end = "// end::" + name + "[]";
                List<String> region = new ArrayList<>();
                int j = i + 1;
                while (j < lines.size() && !lines.get(j).strip().equals(end)) {
                    region.add(lines.get(j++));
                }
                assertThat(j).as("%s: tag %s is not closed", source, name).isLessThan(lines.size());
                String key = source.getFileName() + "#" + name;
                assertThat(snippets).as("duplicate tag %s", key).doesNotContainKey(key);
                snippets.put(key, Markdown.normalize(region.stream()
                        .filter(line -> !TAG.matcher(line).matches() && !line.strip().startsWith("// end::"))
                        .collect(Collectors.toList())));
            }
        }
        return snippets;
    }
}
