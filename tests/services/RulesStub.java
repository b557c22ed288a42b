import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Stand-in for Firebase's cloud-storage-rules-runtime jar, which the GCS emulator of firebase-tools
 * starts with "java -jar" and which it would otherwise download. The emulator sends one JSON request
 * per line on standard input and reads one JSON reply per line. This stand-in loads every ruleset
 * and permits every request, which is what storage.rules states.
 */
public final class RulesStub {
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*(-?\\d+)");
    private static final Pattern ACTION = Pattern.compile("\"action\"\\s*:\\s*\"(\\w+)\"");

    public static void main(String[] args) throws IOException {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));

        // The emulator waits for this greeting before it sends the first request.
        out.println("{\"id\":-1,\"status\":\"ok\"}");

        String line;
        while ((line = in.readLine()) != null) {
            String id = firstGroup(ID, line, "0");
            String result = "load_ruleset".equals(firstGroup(ACTION, line, ""))
                ? "{\"rulesVersion\":2}"
                : "{\"permit\":true}";
            out.println("{\"id\":" + id + ",\"status\":\"ok\",\"errors\":[],\"warnings\":[],\"result\":" + result + "}");
        }
    }

    private static String firstGroup(Pattern pattern, String text, String fallback) {
        Matcher matcher = pattern.matcher(text);
        return matcher.find() ? matcher.group(1) : fallback;
    }
}
