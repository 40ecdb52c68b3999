// An offline stand-in for the Cloud Storage rules runtime that firebase-tools downloads on
// first use (cloud-storage-rules-runtime-*.jar; this machine has no internet). It speaks the
// same line-delimited JSON on stdin/stdout and evaluates exactly one kind of ruleset: deny
// all, as Kassa's storage.rules is. Every client request is refused; a ruleset that allows
// anything is rejected with an error naming the way to get the real runtime, so the stand-in
// can never be more permissive than the rules it was given. Admin SDK calls never reach it.
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public final class DenyAllStorageRules {
  private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*(-?\\d+)");
  private static final Pattern ACTION = Pattern.compile("\"action\"\\s*:\\s*\"([a-z_]+)\"");
  // "allow read, write: if false;" in the rules' source (inside a JSON string here).
  private static final Pattern ALLOW = Pattern.compile("allow\\s+[a-z, ]+(?::\\s*if\\s+([^;]*))?;");

  public static void main(String[] args) throws Exception {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    out.println("{\"id\":-1,\"status\":\"ok\",\"errors\":[],\"warnings\":[]}");
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String line;
    while ((line = in.readLine()) != null) {
      Matcher id = ID.matcher(line);
      if (!id.find()) continue;
      Matcher action = ACTION.matcher(line);
      String what = action.find() ? action.group(1) : "";
      String head = "{\"id\":" + id.group(1) + ",\"status\":\"ok\",\"warnings\":[],";
      if (what.equals("load_ruleset")) {
        if (allowsSomething(line)) {
          out.println(head + "\"errors\":[\"Kassa's offline Storage rules stand-in evaluates deny-all rules only (every allow must be 'if false'). "
              + "For other rules run 'npx firebase setup:emulators:storage' with internet, or set STORAGE_EMULATOR_BINARY_PATH to the real runtime.\"]}");
        } else {
          out.println(head + "\"errors\":[],\"result\":{\"rulesVersion\":2}}");
        }
      } else if (what.equals("verify")) {
        out.println(head + "\"errors\":[],\"result\":{\"permit\":false}}");
      } else {
        out.println(head + "\"errors\":[],\"result\":{}}");
      }
    }
  }

  private static boolean allowsSomething(String source) {
    Matcher m = ALLOW.matcher(source);
    while (m.find()) {
      String condition = m.group(1);
      if (condition == null || !condition.trim().equals("false")) return true;
    }
    return false;
  }
}
