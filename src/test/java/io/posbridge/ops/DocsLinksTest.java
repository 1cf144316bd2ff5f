package io.posbridge.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No broken references in the documentation: every relative link in README.md, bench/README.md, k8s/README.md and
 * docs/*.md leads to a file that exists, and a link with an anchor to a heading of that page (GitHub's anchors);
 * every docs/ page is linked from the README; every docs/ page the code, routes and settings cite exists, with the
 * section they name in quotes.
 */
class DocsLinksTest {

    private static final Path README = Path.of("README.md");
    private static final Path DOCS = Path.of("docs");
    /** This file names pages as examples. */
    private static final Path SELF = Path.of("src/test/java/io/posbridge/ops/DocsLinksTest.java");

    /** [text](target): the target, up to a closing parenthesis or a space (a link title). */
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");
    /** docs/page.md, optionally followed by a section name in quotes, as code comments cite them. */
    private static final Pattern CITED = Pattern.compile("docs/([\\w.-]+\\.md)(?:, \"([^\"]+)\")?");

    @Test
    void everyRelativeLinkLeadsToAFileAndEveryAnchorToAHeading() throws IOException {
        List<String> broken = new ArrayList<>();
        for (Path page : pages()) {
            for (String target : links(page)) {
                if (target.matches("^[a-z][a-z+.-]*:.*")) {
                    continue; // https:, mailto: and the like
                }
                int hash = target.indexOf('#');
                String path = hash < 0 ? target : target.substring(0, hash);
                String anchor = hash < 0 ? null : target.substring(hash + 1);
                Path file = path.isEmpty() ? page : page.resolveSibling(path).normalize();
                if (!Files.exists(file)) {
                    broken.add(page + ": " + target + " (no file " + file + ")");
                } else if (anchor != null && !anchors(file).contains(anchor)) {
                    broken.add(page + ": " + target + " (no heading in " + file + " has the anchor #" + anchor + ")");
                }
            }
        }
        assertThat(broken).as("broken links").isEmpty();
    }

    @Test
    void everyDocsPageIsLinkedFromTheReadme() throws IOException {
        Set<Path> linked = new HashSet<>();
        for (String target : links(README)) {
            linked.add(Path.of(target.replaceFirst("#.*", "")).normalize());
        }
        Set<Path> unlinked = new TreeSet<>();
        try (Stream<Path> files = Files.list(DOCS)) {
            files.filter(f -> f.toString().endsWith(".md")).filter(f -> !linked.contains(f)).forEach(unlinked::add);
        }
        assertThat(unlinked).as("docs/ pages the README does not link").isEmpty();
    }

    @Test
    void everyDocsPageTheCodeCitesExistsWithTheSectionItNames() throws IOException {
        List<String> broken = new ArrayList<>();
        for (String folder : List.of("src", "routes", "k8s", "bench", "examples")) {
            try (Stream<Path> files = Files.walk(Path.of(folder))) {
                for (Path file : files.filter(Files::isRegularFile).filter(f -> !f.toString().endsWith(".jar"))
                        .filter(f -> !f.endsWith(SELF)).toList()) {
                    Matcher cited = CITED.matcher(Files.readString(file));
                    while (cited.find()) {
                        Path page = DOCS.resolve(cited.group(1));
                        if (!Files.exists(page)) {
                            broken.add(file + ": " + cited.group() + " (no such page)");
                        } else if (cited.group(2) != null && (!Files.exists(page) || !headings(page).contains(cited.group(2)))) {
                            broken.add(file + ": " + cited.group() + " (no such heading in " + page + ")");
                        }
                    }
                }
            }
        }
        assertThat(broken).as("docs/ pages cited in the code").isEmpty();
        assertThat(Files.readString(Path.of("src/main/java/io/posbridge/tokenx/TokenxBasket.java")))
                .as("the citations are found").contains("docs/tokenx-api-notes.md");
    }

    private static List<Path> pages() throws IOException {
        List<Path> pages = new ArrayList<>(List.of(README, Path.of("bench/README.md"), Path.of("k8s/README.md")));
        try (Stream<Path> files = Files.list(DOCS)) {
            files.filter(f -> f.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        return pages;
    }

    /** The link targets of a page, outside fenced code blocks. */
    private static List<String> links(Path page) throws IOException {
        List<String> targets = new ArrayList<>();
        Matcher link = LINK.matcher(String.join("\n", prose(page)));
        while (link.find()) {
            targets.add(link.group(1));
        }
        return targets;
    }

    private static List<String> headings(Path page) throws IOException {
        return prose(page).stream().filter(l -> l.matches("^#{1,6} .*")).map(l -> l.replaceFirst("^#+ ", "").strip())
                .toList();
    }

    /** GitHub's anchors: lower case, punctuation dropped, spaces to hyphens, repeats numbered -1, -2, … */
    private static Set<String> anchors(Path page) throws IOException {
        Set<String> anchors = new HashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        for (String heading : headings(page)) {
            String slug = heading.toLowerCase().replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
            int repeat = seen.merge(slug, 1, Integer::sum) - 1;
            anchors.add(repeat == 0 ? slug : slug + "-" + repeat);
        }
        return anchors;
    }

    /** The lines of a page outside ``` fences. */
    private static List<String> prose(Path page) throws IOException {
        List<String> lines = new ArrayList<>();
        boolean fenced = false;
        for (String line : Files.readAllLines(page)) {
            if (line.startsWith("```")) {
                fenced = !fenced;
            } else if (!fenced) {
                lines.add(line);
            }
        }
        return lines;
    }
}
