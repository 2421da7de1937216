// logback with logstash-logback-encoder's LogstashEncoder (logback.xml beside this file):
// `@timestamp`, `level`, `level_value`, `logger_name`, `thread_name`, `message`, and
// `stack_trace` holding the exception's multi-line trace; fields through StructuredArguments
// (a Map becomes a nested object) and the MDC. SLF4J has no fatal: error is its highest level.
import static net.logstash.logback.argument.StructuredArguments.kv;

import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

public class Generate {
  static void chargeCard(int amount) {
    throw new IllegalStateException("payment declined for " + amount);
  }

  static void placeOrder(int id) {
    try {
      chargeCard(id * 10);
    } catch (IllegalStateException e) {
      throw new RuntimeException("order " + id + " not placed", e);
    }
  }

  public static void main(String[] args) {
    Logger log = LoggerFactory.getLogger("app");
    Logger http = LoggerFactory.getLogger("app.http");
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("region", "eu-west-1");
    config.put("replicas", 3);
    Map<String, Object> req = new LinkedHashMap<>();
    req.put("method", "GET");
    req.put("path", "/orders/42");

    log.trace("entering main");
    log.debug("cache warmed");
    log.info("service started", kv("port", 8080), kv("config", config));
    http.info("request handled", kv("req", req), kv("status", 200));
    log.warn("slow response", kv("duration_ms", 1250));
    MDC.put("order_id", "42");
    try {
      placeOrder(42);
    } catch (RuntimeException e) {
      http.error("order failed", e);
    }
    MDC.clear();
  }
}
