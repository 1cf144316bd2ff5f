import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The container image without a Docker engine: builds the image's /app folder from the repository's Dockerfile (its
 * COPY and RUN lines, the class data sharing training run included) and starts posbridge with the Dockerfile's exact
 * ENTRYPOINT, against PostgreSQL, until the readiness group answers UP on the management port.
 *
 * <pre>
 * java bench/ImageStart.java --check [--work DIR]      one start with the CDS archive; exit status 1 when it fails
 * java bench/ImageStart.java [--runs N] [--work DIR]   N starts with the archive and N without, alternating
 * </pre>
 *
 * Run from the repository's root after {@code ./mvnw package}. The database is IMAGE_START_JDBC_URL (with
 * _USERNAME, _PASSWORD) when set; otherwise each start gets a database of its own, created with psql on 127.0.0.1:5432
 * as postgres and dropped afterwards. TokenX is a port nobody listens on (the fiscal check off): readiness does not
 * wait for it. ImageStartIT runs --check in ./mvnw verify; bench/README.md has the figures.
 */
public class ImageStart {

    private static final String READINESS = "/actuator/health/readiness";
    private static final String LIVENESS = "/actuator/health/liveness";
    private static final String ARCHIVE_OPTION = "-XX:SharedArchiveFile=";
    private static final Duration START_LIMIT = Duration.ofMinutes(3);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    record Image(Path appDir, List<String> entrypoint, String user) {
    }

    record Start(boolean withArchive, long readyMillis, long rssKib, long anonKib, int exitStatus,
            boolean archiveMapped) {
    }

    public static void main(String[] args) throws Exception {
        boolean check = false;
        int runs = 3;
        Path work = Path.of("target/image-start");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--check" -> check = true;
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--work" -> work = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + " (--check, --runs N, --work DIR)");
            }
        }
        deleteTree(work);
        Files.createDirectories(work);
        work = work.toAbsolutePath();
        Image image = build(Path.of("Dockerfile"), Path.of("").toAbsolutePath(), work);
        System.out.println("image folder " + image.appDir() + ", entrypoint " + String.join(" ", image.entrypoint())
                + " (the image runs it as user " + image.user() + ")");
        if (check) {
            System.exit(check(image, work) ? 0 : 1);
        }
        bench(image, work, runs);
    }

    // ---------------------------------------------------------------------------------------------------------- build

    /** Carries out the Dockerfile's instructions, each stage in a folder of its own standing for its root. */
    static Image build(Path dockerfile, Path context, Path work) throws IOException, InterruptedException {
        Map<String, Path> stages = new HashMap<>();
        Path root = null;
        Path cwd = null;
        List<String> entrypoint = null;
        String user = "root";
        int stage = 0;
        for (String line : instructions(dockerfile)) {
            String[] parts = line.split("\\s+", 2);
            String keyword = parts[0].toUpperCase(Locale.ROOT);
            String rest = parts.length > 1 ? parts[1].trim() : "";
            switch (keyword) {
                case "FROM" -> {
                    String[] from = rest.split("\\s+");
                    requireSameJava(from[0]);
                    root = work.resolve("stage-" + stage++);
                    Files.createDirectories(root);
                    cwd = root;
                    if (from.length == 3 && from[1].equalsIgnoreCase("AS")) {
                        stages.put(from[2], root);
                    }
                    entrypoint = null;
                    user = "root";
                }
                case "WORKDIR" -> {
                    cwd = inside(root, cwd, rest);
                    Files.createDirectories(cwd);
                }
                case "COPY" -> copy(rest, context, stages, root, cwd);
                case "RUN" -> run(rest, cwd, work.resolve("build.log"));
                case "USER" -> user = rest;
                case "ENTRYPOINT" -> entrypoint = jsonArray(rest);
                case "EXPOSE" -> {
                }
                default -> throw new IllegalStateException("Dockerfile: " + keyword
                        + " is not one of the instructions this build understands; teach bench/ImageStart.java");
            }
        }
        if (entrypoint == null) {
            throw new IllegalStateException("Dockerfile: the last stage has no ENTRYPOINT in JSON form");
        }
        return new Image(cwd, entrypoint, user);
    }

    private static List<String> instructions(Path dockerfile) throws IOException {
        List<String> instructions = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : Files.readAllLines(dockerfile)) {
            String trimmed = line.trim();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            if (trimmed.endsWith("\\")) {
                current.append(trimmed, 0, trimmed.length() - 1).append(' ');
                continue;
            }
            instructions.add(current.append(trimmed).toString());
            current.setLength(0);
        }
        return instructions;
    }

    /** The training run's archive is only valid for the Java release that wrote it: build with the image's. */
    private static void requireSameJava(String baseImage) {
        Matcher release = Pattern.compile(":(\\d+)").matcher(baseImage);
        int here = Runtime.version().feature();
        if (release.find() && Integer.parseInt(release.group(1)) != here) {
            throw new IllegalStateException("the Dockerfile's " + baseImage + " runs Java " + release.group(1)
                    + ", this is Java " + here + ": run this with the image's Java release");
        }
    }

    private static Path inside(Path root, Path cwd, String path) {
        return path.startsWith("/") ? root.resolve(path.substring(1)).normalize() : cwd.resolve(path).normalize();
    }

    private static void copy(String arguments, Path context, Map<String, Path> stages, Path root, Path cwd)
            throws IOException {
        List<String> words = new ArrayList<>(List.of(arguments.split("\\s+")));
        Path sourceRoot = context;
        Path sourceCwd = context;
        while (words.get(0).startsWith("--")) {
            String flag = words.remove(0);
            if (flag.startsWith("--from=")) {
                sourceRoot = stages.get(flag.substring("--from=".length()));
                if (sourceRoot == null) {
                    throw new IllegalStateException("Dockerfile: COPY " + flag + " names no earlier stage");
                }
                sourceCwd = sourceRoot;
            }
        }
        String destination = words.remove(words.size() - 1);
        Path target = inside(root, cwd, destination);
        boolean intoFolder = destination.endsWith("/") || destination.equals(".") || words.size() > 1;
        for (String source : words) {
            List<Path> matches = glob(inside(sourceRoot, sourceCwd, source));
            if (matches.isEmpty()) {
                throw new IllegalStateException("Dockerfile: COPY " + source + " matches nothing (package the jar first: "
                        + "./mvnw -DskipTests package)");
            }
            for (Path match : matches) {
                if (Files.isDirectory(match)) {
                    copyTree(match, target);
                } else {
                    Path to = intoFolder || Files.isDirectory(target) ? target.resolve(match.getFileName()) : target;
                    Files.createDirectories(to.getParent());
                    Files.copy(match, to, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static List<Path> glob(Path pattern) throws IOException {
        String name = pattern.getFileName().toString();
        if (!name.contains("*") && !name.contains("?")) {
            return Files.exists(pattern) ? List.of(pattern) : List.of();
        }
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + name);
        try (Stream<Path> files = Files.list(pattern.getParent())) {
            return files.filter(f -> matcher.matches(f.getFileName())).sorted().toList();
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : paths.toList()) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void run(String command, Path cwd, Path log) throws IOException, InterruptedException {
        System.out.println("RUN " + command);
        ProcessBuilder builder = new ProcessBuilder("sh", "-c", command).directory(cwd.toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        onThisJava(builder.environment());
        Process process = builder.start();
        if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException("Dockerfile: RUN " + command + " failed; its output is in " + log);
        }
    }

    /** `java` in the Dockerfile's lines is the image's Java: here, the one running this program. */
    private static void onThisJava(Map<String, String> environment) {
        Path bin = Path.of(System.getProperty("java.home"), "bin");
        environment.put("PATH", bin + ":" + environment.getOrDefault("PATH", "/usr/bin:/bin"));
    }

    private static List<String> jsonArray(String text) {
        if (!text.startsWith("[")) {
            throw new IllegalStateException("Dockerfile: ENTRYPOINT must be in JSON form, as a signal reaches java then");
        }
        List<String> items = new ArrayList<>();
        Matcher item = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(text);
        while (item.find()) {
            items.add(item.group(1).replace("\\\"", "\"").replace("\\\\", "\\"));
        }
        return items;
    }

    // ---------------------------------------------------------------------------------------------------------- start

    private static boolean check(Image image, Path work) throws Exception {
        Path archive = image.appDir().resolve(archiveOf(image));
        if (!Files.isRegularFile(archive) || Files.size(archive) < 1_000_000) {
            System.out.println("FAIL: the training run wrote no class data sharing archive at " + archive);
            return false;
        }
        System.out.println("archive " + archive.getFileName() + ": " + Files.size(archive) / (1024 * 1024) + " MiB");
        Start start = start(image, work, 1, true, true);
        boolean ok = start.readyMillis() >= 0 && start.archiveMapped() && start.exitStatus() == 0;
        if (!start.archiveMapped()) {
            System.out.println("FAIL: the JVM did not map the archive (see cds.log in " + work + ")");
        }
        System.out.println(ok ? "image start: PASS" : "image start: FAIL");
        return ok;
    }

    private static String archiveOf(Image image) {
        return image.entrypoint().stream().filter(a -> a.startsWith(ARCHIVE_OPTION)).findFirst()
                .map(a -> a.substring(ARCHIVE_OPTION.length()))
                .orElseThrow(() -> new IllegalStateException("the ENTRYPOINT names no " + ARCHIVE_OPTION + "…"));
    }

    private static void bench(Image image, Path work, int runs) throws Exception {
        archiveOf(image);
        List<Start> starts = new ArrayList<>();
        for (int i = 0; i < 2 * runs; i++) {
            starts.add(start(image, work, i + 1, i % 2 == 0, false));
        }
        Summary with = summary(starts, true);
        Summary without = summary(starts, false);
        System.out.println();
        System.out.println("with the CDS archive:    " + with);
        System.out.println("without it:              " + without);
        System.out.printf(Locale.ROOT, "ratio (with / without):  readiness %.2f, RSS %.2f, anonymous RSS %.2f%n",
                (double) with.readyMillis() / without.readyMillis(), (double) with.rssKib() / without.rssKib(),
                (double) with.anonKib() / without.anonKib());
    }

    record Summary(long readyMillis, long rssKib, long anonKib, List<Start> starts) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "ready in %.2f s, RSS %d MiB, anonymous %d MiB (medians of %d: %s)",
                    readyMillis / 1000.0, rssKib / 1024, anonKib / 1024, starts.size(), String.join(" / ",
                            starts.stream().map(s -> String.format(Locale.ROOT, "%.2f s %d MiB", s.readyMillis() / 1000.0,
                                    s.rssKib() / 1024)).toList()));
        }
    }

    private static Summary summary(List<Start> starts, boolean withArchive) {
        List<Start> these = starts.stream().filter(s -> s.withArchive() == withArchive).toList();
        if (these.stream().anyMatch(s -> s.readyMillis() < 0)) {
            throw new IllegalStateException("a start did not become ready; see the start-*.log files");
        }
        return new Summary(median(these.stream().map(Start::readyMillis).toList()),
                median(these.stream().map(Start::rssKib).toList()), median(these.stream().map(Start::anonKib).toList()),
                these);
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    /** One start with the image's entrypoint (less the archive when asked), timed to readiness, then a SIGTERM. */
    private static Start start(Image image, Path work, int number, boolean withArchive, boolean logArchive)
            throws Exception {
        List<String> command = new ArrayList<>(image.entrypoint());
        if (!withArchive) {
            command.removeIf(a -> a.startsWith(ARCHIVE_OPTION));
        }
        if (command.get(0).equals("java")) {
            command.set(0, Path.of(System.getProperty("java.home"), "bin", "java").toString());
        }
        Path run = work.resolve("start-" + number);
        Files.createDirectories(run);
        int serverPort = freePort();
        int managementPort = freePort();
        String tokenx = "http://127.0.0.1:" + freePort() + "/";
        Database database = Database.create(number);
        ProcessBuilder builder = new ProcessBuilder(command).directory(image.appDir().toFile())
                .redirectErrorStream(true).redirectOutput(run.resolve("start.log").toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> k.startsWith("SPRING_") || k.startsWith("POSBRIDGE_") || k.startsWith("MANAGEMENT_")
                || k.startsWith("SERVER_") || k.startsWith("JAVA_TOOL_OPTIONS") || k.startsWith("JDK_JAVA_OPTIONS"));
        env.put("SERVER_PORT", String.valueOf(serverPort));
        env.put("MANAGEMENT_SERVER_PORT", String.valueOf(managementPort));
        env.put("SPRING_DATASOURCE_URL", database.url());
        env.put("SPRING_DATASOURCE_USERNAME", database.username());
        env.put("SPRING_DATASOURCE_PASSWORD", database.password());
        for (String url : List.of("AUTHURL", "BASKETURL", "CLIENTSETTINGSURL")) {
            env.put("POSBRIDGE_TOKENX_" + url, tokenx);
        }
        env.put("POSBRIDGE_TOKENX_CALLBACKURL", "http://127.0.0.1:" + serverPort + "/webhooks/tokenx");
        env.put("POSBRIDGE_TOKENX_CLIENTID", "image-start");
        env.put("POSBRIDGE_TOKENX_CLIENTSECRET", "image-start");
        env.put("POSBRIDGE_TOKENX_CALLBACKAUTH", "image-start");
        env.put("POSBRIDGE_TOKENX_FISCALCHECK_ENABLED", "false");
        env.put("POSBRIDGE_ORDERS_APIKEYS_IMAGESTART", "0".repeat(64));
        env.put("POSBRIDGE_ORDERS_INBOX", run.resolve("orders/inbox").toString());
        env.put("POSBRIDGE_ORDERS_ERRORDIR", run.resolve("orders/error").toString());
        env.put("POSBRIDGE_ORDERS_OUTCOMEURI", "file:" + run.resolve("orders/outbox"));
        env.put("POSBRIDGE_YOYO_VSPID", "image-start");
        env.put("POSBRIDGE_YOYO_VSPPASSWORD", "image-start");
        env.put("POSBRIDGE_ADMIN_USERNAME", "image-start");
        env.put("POSBRIDGE_ADMIN_PASSWORD", "image-start");
        Path cdsLog = run.resolve("cds.log");
        if (logArchive) {
            // Only to learn whether the JVM mapped the archive; the entrypoint's own options are unchanged.
            env.put("JAVA_TOOL_OPTIONS", "-Xlog:cds=info:file=" + cdsLog);
        }
        try {
            long started = System.nanoTime();
            Process process = builder.start();
            long readyMillis = -1;
            long rssKib = -1;
            long anonKib = -1;
            while (System.nanoTime() - started < START_LIMIT.toNanos() && process.isAlive()) {
                if (status(managementPort, READINESS) == 200) {
                    readyMillis = (System.nanoTime() - started) / 1_000_000;
                    Map<String, Long> memory = memoryKib(process.pid());
                    rssKib = memory.get("VmRSS");
                    anonKib = memory.get("RssAnon");
                    break;
                }
                Thread.sleep(50);
            }
            boolean probesAgree = readyMillis >= 0 && status(managementPort, LIVENESS) == 200
                    && status(serverPort, READINESS) == 404;
            process.destroy();
            int exit = process.waitFor(90, TimeUnit.SECONDS) ? process.exitValue() : -1;
            if (exit == -1) {
                process.destroyForcibly().waitFor();
            }
            boolean mapped = !logArchive || (Files.exists(cdsLog) && mappedDynamicArchive(Files.readString(cdsLog)));
            System.out.printf(Locale.ROOT, "start %d %s: %s, exit status %d after SIGTERM%s%n", number,
                    withArchive ? "with the CDS archive" : "without it",
                    readyMillis < 0 ? "NOT READY within " + START_LIMIT.toSeconds() + " s (see " + run + "/start.log)"
                            : String.format(Locale.ROOT, "ready in %.2f s, RSS %d MiB (anonymous %d MiB)",
                                    readyMillis / 1000.0, rssKib / 1024, anonKib / 1024),
                    exit, logArchive ? (mapped ? ", archive mapped" : ", archive NOT mapped") : "");
            if (readyMillis >= 0 && !probesAgree) {
                System.out.println("FAIL: liveness on the management port, or no actuator on the HTTP port, not as "
                        + "the manifests expect");
                readyMillis = -1;
            }
            return new Start(withArchive, readyMillis, rssKib, anonKib, exit, mapped);
        } finally {
            database.drop();
        }
    }

    /** -Xlog:cds names each region of the training run's (dynamic) archive once it has validated and mapped it. */
    private static boolean mappedDynamicArchive(String log) {
        return log.contains("Mapped dynamic region");
    }

    private static int status(int port, String path) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(2)).build();
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /**
     * VmRSS, and RssAnon, its part that is the process's own: the rest (RssFile) is mapped files, the archive among
     * them, which pods of one image on one node share through the page cache.
     */
    private static Map<String, Long> memoryKib(long pid) throws IOException {
        Map<String, Long> memory = new HashMap<>();
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
            String[] field = line.split(":\\s+");
            if (field[0].equals("VmRSS") || field[0].startsWith("Rss")) {
                memory.put(field[0], Long.parseLong(field[1].replaceAll("\\D", "")));
            }
        }
        if (!memory.containsKey("VmRSS") || !memory.containsKey("RssAnon")) {
            throw new IllegalStateException("no VmRSS or RssAnon in /proc/" + pid + "/status");
        }
        return memory;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void deleteTree(Path path) throws IOException {
        if (Files.exists(path)) {
            try (Stream<Path> paths = Files.walk(path)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    /** The database of one start: the one given, or a fresh one made with psql and dropped after the start. */
    record Database(String url, String username, String password, String created) {

        static Database create(int number) throws IOException, InterruptedException {
            String given = System.getenv("IMAGE_START_JDBC_URL");
            if (given != null && !given.isBlank()) {
                return new Database(given, envOr("IMAGE_START_JDBC_USERNAME", "postgres"),
                        envOr("IMAGE_START_JDBC_PASSWORD", ""), null);
            }
            String name = "posbridge_image_start_" + ProcessHandle.current().pid() + "_" + number;
            psql("CREATE DATABASE " + name);
            return new Database("jdbc:postgresql://127.0.0.1:5432/" + name, "postgres", "", name);
        }

        void drop() throws IOException, InterruptedException {
            if (created != null) {
                psql("DROP DATABASE IF EXISTS " + created + " WITH (FORCE)");
            }
        }

        private static void psql(String sql) throws IOException, InterruptedException {
            Process p = new ProcessBuilder("psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-qc", sql)
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (p.waitFor() != 0) {
                throw new IllegalStateException("psql " + sql + ": " + out.trim()
                        + " (or set IMAGE_START_JDBC_URL to a database of your own)");
            }
        }

        private static String envOr(String name, String fallback) {
            String value = System.getenv(name);
            return value == null || value.isBlank() ? fallback : value;
        }
    }
}
