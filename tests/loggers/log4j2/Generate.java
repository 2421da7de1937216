// log4j2's JsonLayout (log4j2.xml beside this file; compact, one event a line): `instant` as
// {epochSecond, nanoOfSecond}, `thread`, `level`, `loggerName`, `message`, `thrown` holding the
// exception as an object (`name`, `message`, `extendedStackTrace` as a list of frame objects,
// `cause`), and the ThreadContext in `contextMap`. Fields of an event go through the
// ThreadContext: a plain message has no fields of its own.
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.ThreadContext;

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
    Logger log = LogManager.getLogger("app");
    Logger http = LogManager.getLogger("app.http");

    log.trace("entering main");
    log.debug("cache warmed");
    ThreadContext.put("port", "8080");
    log.info("service started");
    ThreadContext.clearMap();
    ThreadContext.put("status", "200");
    http.info("request handled");
    ThreadContext.clearMap();
    ThreadContext.put("duration_ms", "1250");
    log.warn("slow response");
    ThreadContext.clearMap();
    ThreadContext.put("order_id", "42");
    try {
      placeOrder(42);
    } catch (RuntimeException e) {
      http.error("order failed", e);
    }
    ThreadContext.clearMap();
    log.fatal("shutting down");
  }
}
