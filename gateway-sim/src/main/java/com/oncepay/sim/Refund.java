package com.oncepay.sim;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** The answer to a successful refund. Refunds at the simulator either succeed at once or fail. */
@JsonPropertyOrder({"id", "object", "charge", "amount", "status"})
public record Refund(String id, String charge, long amount) {

  @JsonProperty("object")
  public String object() {
    return "refund";
  }

  @JsonProperty("status")
  public String status() {
    return "succeeded";
  }
}
