package com.oncepay.testsupport;

import com.oncepay.gateway.GatewayResult;
import com.oncepay.gateway.PaymentGateway;

/** The real gateway adapter, with one call overridden to inject a failure at a chosen moment. */
public class DelegatingGateway implements PaymentGateway {

  protected final PaymentGateway real;

  public DelegatingGateway(PaymentGateway real) {
    this.real = real;
  }

  @Override
  public GatewayResult authorize(AuthorizeCall call) {
    return real.authorize(call);
  }

  @Override
  public GatewayResult capture(CaptureCall call) {
    return real.capture(call);
  }

  @Override
  public GatewayResult voidCharge(VoidCall call) {
    return real.voidCharge(call);
  }

  @Override
  public GatewayResult refund(RefundCall call) {
    return real.refund(call);
  }

  @Override
  public GatewayResult retrieve(String chargeId) {
    return real.retrieve(chargeId);
  }
}
