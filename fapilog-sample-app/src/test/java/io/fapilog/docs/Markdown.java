package io.fapilog.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Just enough Markdown for the docs checks: fenced code blocks and pipe tables. */
final class Markdown {

    /** The repository's {@code docs/} folder, seen from the module (Surefire's working directory). */
    static final Path DOCS = Path.of("..", "docs");

    private static final Pattern FENCE = Pattern.compile("^(\\s*)```\\s*([A-Za-z0-9_+-]*)\\s*$");

    private Markdown() {
    }

    /** A fenced code block. */
    record CodeBlock(Path file, int line, String language, String content) {

        @Override
        public String toString() {
            return file.getFileName() + ":" + line + " (```" + language + ")";
        }
    }

    /** A pipe table: its header cells and rows of cells, as written. */
    record Table(Path file, int line, List<String> header, List<List<String>> rows) {

        int column(String name) {
            return header.indexOf(name);
        }
    }

    /** The Markdown files of {@code docs/}. */
    static List<Path> docs() {
        try (Stream<Path> files = Files.list(DOCS)) {
            return files.filter(file -> file.toString().endsWith(".md")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<CodeBlock> codeBlocks(Path file) {
        List<CodeBlock> blocks = new ArrayList<>();
        List<String> lines = read(file).lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            Matcher open = FENCE.matcher(lines.get(i));
            if (!open.matches()) {
                continue;
            }
            String language = open.group(2);
            List<String> content = new ArrayList<>();
            int start = i + 1;
            for (i = i + 1; i < lines.size() && !lines.get(i).strip().equals("```"); i++) {
                content.add(lines.get(i));
            }
            blocks.add(new CodeBlock(file, start, language, normalize(content)));
        }
        return blocks;
    }

    static List<Table> tables(Path file) {
        List<Table> tables = new ArrayList<>();
        List<String> lines = read(file).lines().toList();
        boolean inCode = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.startsWith("```")) {
                inCode = !inCode;
                continue;
            }
            if (inCode || !line.startsWith("|") || i + 1 >= lines.size()
                    || !lines.get(i + 1).strip().matches("^\\|[\\s:|-]+\\|$")) {
                continue;
            }
            List<String> header = cells(line);
            List<List<String>> rows = new ArrayList<>();
            int start = i + 1;
            for (i = i + 2; i < lines.size() && lines.get(i).strip().startsWith("|"); i++) {
                rows.add(cells(lines.get(i).strip()));
            }
            tables.add(new Table(file, start, header, rows));
        }
        return tables;
    }

    private static List<String> cells(String row) {
        String inner = row.substring(1, row.endsWith("|") ? row.length() - 1 : row.length());
        // A pipe inside backticks is escaped as \| in these docs.
        return Arrays.stream(inner.split("(?<!\\\\)\\|")).map(cell -> cell.strip().replace("\\|", "|")).toList();
    }

    /** Removes the common indentation and trailing blanks, so that indented snippets compare equal. */
    static String normalize(List<String> lines) {
        List<String> trimmed = lines.stream().map(String::stripTrailing).collect(Collectors.toCollection(ArrayList::new));
        while (!trimmed.isEmpty() && trimmed.get(0).isEmpty()) {
            trimmed.remove(0);
        }
        while (!trimmed.isEmpty() && trimmed.get(trimmed.size() - 1).isEmpty()) {
            trimmed.remove(trimmed.size() - 1);
        }
        int indent = trimmed.stream().filter(line -> !line.isEmpty())
                .mapToInt(line -> line.length() - line.stripLeading().length()).min().orElse(0);
        return trimmed.stream().map(line -> line.isEmpty() ? line : line.substring(indent))
                .collect(Collectors.joining("\n"));
    }

    /** The text of a cell without its backticks. */
    static String plain(String cell) {
        return cell.replace("`", "").strip();
    }
}
