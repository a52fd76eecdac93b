package com.oncepay.sim;

/** An error answer: HTTP status plus the stable code and message of the JSON error body. */
record ApiError(int status, String code, String message) {

  static ApiError invalidRequest(String message) {
    return new ApiError(400, "invalid_request", message);
  }

  static ApiError noSuchCharge(String id) {
    return new ApiError(404, "no_such_charge", "no charge " + id);
  }

  static ApiError invalidState(String message) {
    return new ApiError(409, "invalid_state", message);
  }

  static ApiError gatewayError() {
    return new ApiError(500, "gateway_error", "simulated gateway error");
  }

  /** {@code {"error":{"code":…,"message":…}}} with this error's status. */
  Reply reply() {
    var body = Json.object();
    body.putObject("error").put("code", code).put("message", message);
    return Reply.json(status, body);
  }
}
