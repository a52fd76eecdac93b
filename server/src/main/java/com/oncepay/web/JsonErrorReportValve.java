package com.oncepay.web;

import com.oncepay.idempotency.StoredAnswer;
import java.io.IOException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

/**
 * Tomcat's own error answers — a request it refuses before Spring sees it (an undecodable or
 * encoded-slash URI, headers too large, a bad method) — as oncepay's error object, not Tomcat's
 * HTML page.
 */
public class JsonErrorReportValve extends ErrorReportValve {

  @Override
  protected void report(Request request, Response response, Throwable throwable) {
    int status = response.getStatus();
    // invoke() has marked the error reported already; an answer with a body is left alone.
    if (status < 400 || response.getContentWritten() > 0) {
      return;
    }
    StoredAnswer answer = ApiErrorController.forStatus(status);
    try {
      response.setStatus(answer.status());
      response.setContentType("application/json");
      response.setCharacterEncoding("UTF-8");
      response.setHeader("Cache-Control", "no-store");
      response.setHeader("X-Content-Type-Options", "nosniff");
      java.io.Writer writer = response.getReporter();
      if (writer != null) {
        writer.write(new String(answer.body(), java.nio.charset.StandardCharsets.UTF_8));
        response.finishResponse();
      }
    } catch (IOException | IllegalStateException e) {
      // The client is gone, or the answer was already under way: nothing more to send.
    }
  }
}
