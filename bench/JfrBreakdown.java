import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the CPU went in a JFR recording, between two UTC times of day (bench/run-all prints each phase's start):
 * every execution sample is given to the innermost posbridge class on its stack, else to the first library on it
 * (Camel, Tomcat, …); then the top self frames and the share of samples with a frame of each library.
 *
 *   java bench/JfrBreakdown.java RECORDING.jfr [FROM_HH:MM:SS TO_HH:MM:SS] [TOP] [PREFIX]
 *
 * With PREFIX (a package or class name, e.g. org.apache.camel.), also which of its methods is innermost on the stacks
 * that hold no posbridge frame.
 */
public class JfrBreakdown {

    private static final List<String[]> LIBRARIES = List.of(
            new String[] {"org.apache.camel.", "Camel"},
            new String[] {"org.apache.catalina.", "Tomcat"}, new String[] {"org.apache.coyote.", "Tomcat"},
            new String[] {"org.apache.tomcat.", "Tomcat"},
            new String[] {"org.springframework.jdbc.", "Spring JDBC"},
            new String[] {"org.springframework.transaction.", "Spring transactions"},
            new String[] {"org.springframework.", "Spring (other)"},
            new String[] {"com.zaxxer.hikari.", "HikariCP"},
            new String[] {"org.postgresql.", "PostgreSQL driver"},
            new String[] {"com.fasterxml.jackson.", "Jackson"},
            new String[] {"io.micrometer.", "Micrometer"},
            new String[] {"ch.qos.logback.", "Logback"},
            new String[] {"io.opentelemetry.", "OpenTelemetry"});

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        Instant from = args.length > 2 ? at(args[1]) : Instant.MIN;
        Instant to = args.length > 2 ? at(args[2]) : Instant.MAX;
        int top = args.length > 3 ? Integer.parseInt(args[3]) : 25;
        Map<String, Integer> owner = new HashMap<>();
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> inclusive = new HashMap<>();
        String prefix = args.length > 4 ? args[4] : null;
        Map<String, Integer> within = new HashMap<>();
        int samples = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
            if (!event.getEventType().getName().equals("jdk.ExecutionSample")
                    || event.getStartTime().isBefore(from) || event.getStartTime().isAfter(to)
                    || event.getStackTrace() == null) {
                continue;
            }
            samples++;
            List<RecordedFrame> frames = event.getStackTrace().getFrames();
            if (!frames.isEmpty()) {
                self.merge(name(frames.get(0)), 1, Integer::sum);
            }
            String posbridge = null;
            String library = null;
            Set<String> seen = new HashSet<>();
            for (RecordedFrame frame : frames) {
                String type = frame.getMethod().getType().getName();
                if (posbridge == null && type.startsWith("io.posbridge.")) {
                    posbridge = type.substring("io.posbridge.".length()).replaceAll("\\$.*", "");
                }
                String lib = library(type);
                if (library == null && lib != null) {
                    library = lib;
                }
                if (lib != null) {
                    seen.add(lib);
                }
                if (type.startsWith("io.posbridge.")) {
                    seen.add("posbridge");
                }
            }
            if (prefix != null && posbridge == null) {
                frames.stream().filter(f -> f.getMethod().getType().getName().startsWith(prefix)).findFirst()
                        .ifPresent(f -> within.merge(name(f), 1, Integer::sum));
            }
            owner.merge(posbridge != null ? posbridge : library != null ? library + " (outside posbridge's code)" : "JDK and other",
                    1, Integer::sum);
            seen.forEach(lib -> inclusive.merge(lib, 1, Integer::sum));
        }
        System.out.printf("%d execution samples%n%n| owner: innermost posbridge class, else the first library | share |%n|---|---|%n",
                samples);
        print(owner, samples, top);
        System.out.printf("%n| inclusive: samples with a frame of | share |%n|---|---|%n");
        print(inclusive, samples, top);
        System.out.printf("%n| top self frames | share |%n|---|---|%n");
        print(self, samples, top);
        if (prefix != null) {
            System.out.printf("%n| outside posbridge's code, innermost frame of %s | share |%n|---|---|%n", prefix);
            print(within, samples, top);
        }
    }

    private static void print(Map<String, Integer> counts, int samples, int top) {
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(top)
                .forEach(e -> System.out.printf("| %s | %.1f %% |%n", e.getKey(), 100.0 * e.getValue() / samples));
    }

    private static String library(String type) {
        for (String[] lib : LIBRARIES) {
            if (type.startsWith(lib[0])) {
                return lib[1];
            }
        }
        return null;
    }

    private static String name(RecordedFrame frame) {
        String type = frame.getMethod().getType().getName();
        return type.substring(type.lastIndexOf('.') + 1) + "." + frame.getMethod().getName();
    }

    private static Instant at(String time) {
        return LocalDate.now(ZoneOffset.UTC).atTime(LocalTime.parse(time)).toInstant(ZoneOffset.UTC);
    }
}
