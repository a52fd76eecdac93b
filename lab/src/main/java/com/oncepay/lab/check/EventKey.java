package com.oncepay.lab.check;

/**
 * An event type on one object, such as {@code order.paid} on {@code ord_…}: at most one id each.
 */
public record EventKey(String type, String objectId) {

  @Override
  public String toString() {
    return type + " of " + objectId;
  }
}
